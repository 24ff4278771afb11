package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.tensor.Tensor;

/**
 * A batch of complex matrices {@code re + i im}, both {@code [batch, rows, cols]} (complex values
 * are pairs of real tensors in robust4j).
 */
public record ComplexBatch(Tensor re, Tensor im) {
    public ComplexBatch {
        checkArgument(re.rank() == 3 && re.shape().equals(im.shape()) && re.dtype() == im.dtype(),
                "ComplexBatch: real %s %s and imaginary %s %s parts must be equal [batch, rows, cols] shapes",
                re.shape(), re.dtype(), im.shape(), im.dtype());
    }

    public int batch() {
        return re.dim(0);
    }

    public int rows() {
        return re.dim(1);
    }

    public int cols() {
        return re.dim(2);
    }

    /** Squared Frobenius norm of every matrix, {@code [batch]}. */
    public Tensor frobeniusSquared() {
        return re.square().sum(1, 2).add(im.square().sum(1, 2));
    }

    /** The matrices at {@code indices} (1-D INT64), in that order. */
    public ComplexBatch select(Tensor indices) {
        return new ComplexBatch(re.gather(0, indices), im.gather(0, indices));
    }

    /** Row-major host copy of matrix {@code b}: {@code {re, im}}, each {@code rows * cols}. */
    public double[][] toHost(int b) {
        return new double[][] {re.select(0, b).toDoubleArray(), im.select(0, b).toDoubleArray()};
    }
}
