package org.robust4j.layers.standard;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;

/**
 * Batch normalisation over axis 1 ({@code BatchNorm1d} for {@code [N, C]}, {@code BatchNorm2d} for
 * {@code [N, C, H, W]}): in training, normalise with the batch mean and biased variance and update
 * running statistics ({@code momentum} 0.1, unbiased variance); in eval, use the running ones.
 * PyTorch's definition and state-dict names ({@code weight, bias, running_mean, running_var}).
 */
public final class BatchNorm extends Module {
    private final int channels;
    private final int rank;
    private final double eps;
    private final double momentum;
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor runningMean;
    private final Tensor runningVar;

    private BatchNorm(LayerContext c, int channels, int rank, double eps, double momentum) {
        checkArgument(channels > 0, "BatchNorm: channels must be positive, got %s", channels);
        this.channels = channels;
        this.rank = rank;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = registerParameter("weight", Tensor.ones(c.backend(), c.dtype(), channels));
        this.bias = registerParameter("bias", Tensor.zeros(c.backend(), c.dtype(), channels));
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(c.backend(), c.dtype(), channels));
        this.runningVar = registerBuffer("running_var", Tensor.ones(c.backend(), c.dtype(), channels));
    }

    public static BatchNorm of1d(LayerContext c, int features) {
        return new BatchNorm(c, features, 2, 1e-5, 0.1);
    }

    public static BatchNorm of2d(LayerContext c, int channels) {
        return new BatchNorm(c, channels, 4, 1e-5, 0.1);
    }

    @Override
    public Tensor forward(Tensor x) {
        checkArgument(x.rank() == rank && x.dim(1) == channels, "BatchNorm%sd(%s): bad input %s",
                rank == 2 ? 1 : 2, channels, x.shape());
        int[] axes = rank == 2 ? new int[] {0} : new int[] {0, 2, 3};
        int[] bshape = rank == 2 ? new int[] {1, channels} : new int[] {1, channels, 1, 1};
        Tensor mean;
        Tensor var;
        if (isTraining()) {
            mean = x.mean(axes, true);
            var = x.sub(mean).square().mean(axes, true);
            long n = x.size() / channels;
            try (GradMode.Restore ng = Autograd.noGrad()) {
                Tensor m = mean.detach().reshape(channels);
                Tensor v = var.detach().reshape(channels).mul(n > 1 ? (double) n / (n - 1) : 1.0);
                runningMean.assign(runningMean.mul(1 - momentum).add(m.mul(momentum)));
                runningVar.assign(runningVar.mul(1 - momentum).add(v.mul(momentum)));
            }
        } else {
            mean = runningMean.reshape(bshape);
            var = runningVar.reshape(bshape);
        }
        Tensor xhat = x.sub(mean).div(var.add(eps).sqrt());
        return xhat.mul(weight.value().reshape(bshape)).add(bias.value().reshape(bshape));
    }

    /** The {@code epsilon} added to the variance. */
    public double eps() {
        return eps;
    }

    /** The scale {@code gamma} (a parameter). */
    public Tensor weight() {
        return weight.value();
    }

    /** The running variance used in eval mode. */
    public Tensor runningVar() {
        return runningVar;
    }

    @Override
    protected String describe() {
        return String.valueOf(channels);
    }
}
