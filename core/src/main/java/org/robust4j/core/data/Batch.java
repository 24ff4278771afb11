package org.robust4j.core.data;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import java.util.Arrays;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * A batch of samples on the host: features back to back, labels, and which dataset samples they
 * were. {@link #x(Backend)} and {@link #y(Backend)} make tensors on the calling thread, so they
 * join that thread's current {@link org.robust4j.core.tensor.Scope} and die with the step.
 *
 * @param features {@code shape.size()} floats, row-major
 * @param labels one class index per sample
 * @param shape the features' shape, {@code [B, ...itemShape]}
 * @param indices each sample's index in the loader's dataset
 */
public record Batch(float[] features, int[] labels, Shape shape, int[] indices) {

    public Batch {
        checkNotNull(features, "features");
        checkNotNull(labels, "labels");
        checkNotNull(shape, "shape");
        checkNotNull(indices, "indices");
        checkArgument(shape.rank() >= 1 && shape.dim(0) == labels.length,
                "Batch: shape %s does not start with the %s samples", shape, labels.length);
        checkArgument(shape.size() == features.length, "Batch: %s features do not fill shape %s", features.length, shape);
        checkArgument(indices.length == labels.length, "Batch: %s indices for %s labels", indices.length, labels.length);
    }

    /** A batch whose samples are not tied to dataset indices. */
    public Batch(float[] features, int[] labels, Shape shape) {
        this(features, labels, shape, new int[labels.length]);
    }

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** Shape of one sample. */
    public Shape itemShape() {
        return shape.sub(1, shape.rank());
    }

    /** The features as a FLOAT32 tensor of shape {@code [B, ...itemShape]}. */
    public Tensor x(Backend backend) {
        return Tensor.of(checkNotNull(backend, "backend"), features, shape.toArray());
    }

    /** The labels as an INT64 tensor of shape {@code [B]}. */
    public Tensor y(Backend backend) {
        long[] l = new long[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i];
        }
        return Tensor.ofLongs(checkNotNull(backend, "backend"), l, labels.length);
    }

    /** Equal when every feature bit, label, index and the shape are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Batch b && shape.equals(b.shape) && Arrays.equals(features, b.features)
                && Arrays.equals(labels, b.labels) && Arrays.equals(indices, b.indices);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * shape.hashCode() + Arrays.hashCode(labels)) + Arrays.hashCode(features);
    }

    @Override
    public String toString() {
        return "Batch" + shape + " labels=" + (labels.length <= 16 ? Arrays.toString(labels) : labels.length + " labels");
    }
}
