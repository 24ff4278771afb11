package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.List;
import org.robust4j.core.tensor.Tensor;

/**
 * The bound of Singla and Feizi, "Fantastic Four" (ICLR 2021, arXiv 1911.10258; research note
 * 1.6): {@code sigma <= sqrt(kh kw) min(||R_1||, ||R_2||, ||R_3||, ||R_4||)} for the four reshapes
 * of the kernel ({@code R_3 = K.reshape(c_out, c_in kh kw)} is Miyato's matrix). Each reshape bounds
 * every per-frequency matrix, so the bound holds for the symbol norm: every input size, both
 * paddings and (on the polyphase kernel) every stride.
 *
 * <p>The official code takes the four matrix norms by power iteration, i.e. from below, so its
 * value is not guaranteed; here they are Gram-iteration upper bounds ({@code iterations}
 * squarings), so the result is.
 */
public final class SinglaFeiziBound extends ConvOnlyBound {
    public static final int DEFAULT_ITERATIONS = 10;

    private final int iterations;

    public SinglaFeiziBound() {
        this(DEFAULT_ITERATIONS);
    }

    public SinglaFeiziBound(int iterations) {
        super("SinglaFeiziBound");
        checkArgument(iterations >= 0, "SinglaFeiziBound: iterations must be >= 0, got %s", iterations);
        this.iterations = iterations;
    }

    @Override
    public String method() {
        return "singla-feizi";
    }

    @Override
    int reportedIterations() {
        return iterations;
    }

    @Override
    Tensor bound(Tensor kernel, ConvGeometry geometry) {
        CirculantEmbedding plan = CirculantEmbedding.plan(kernel.shape(), geometry);
        Tensor k = plan.kernel(kernel);
        int co = k.dim(0);
        int ci = k.dim(1);
        int h = k.dim(2);
        int w = k.dim(3);
        List<Tensor> norms = List.of(
                DenseGram.bound(k.transpose(1, 2).reshape(co * h, ci * w), iterations),
                DenseGram.bound(k.transpose(1, 3).reshape(co * w, ci * h), iterations),
                DenseGram.bound(k.reshape(co, ci * h * w), iterations),
                DenseGram.bound(k.transpose(0, 1).reshape(ci, co * h * w), iterations));
        return Tensor.stack(norms, 0).min().mul(Math.sqrt((double) h * w) * plan.rowSelectionNorm());
    }
}
