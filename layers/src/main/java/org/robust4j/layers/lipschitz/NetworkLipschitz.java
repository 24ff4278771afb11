package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * An upper bound on the l2 Lipschitz constant of a network: the product of its layers' bounds,
 * walking {@link Sequential}s (nested ones too) in order. Each layer is asked in turn:
 * {@link LipschitzBounded} if it implements it, else the rules of {@link StandardLayerBounds}
 * (Linear, Conv2d zero/circular, ReLU, LeakyReLU, MaxMin, GroupSort, Flatten, Identity, Dropout,
 * MaxPool2d, AvgPool2d, BatchNorm in eval mode); any other layer is reported as unbounded. The
 * input size of each layer is found by passing one zero sample through the network in eval mode
 * (modes are restored afterwards).
 */
public final class NetworkLipschitz {
    private NetworkLipschitz() {}

    /**
     * How weights are bounded: {@code dense} for {@code Linear}, {@code conv} for {@code Conv2d}
     * (and overlapping average pooling), in {@code dtype}.
     */
    public record Options(SpectralNormEstimator dense, SpectralNormEstimator conv, DType dtype) {
        public Options {
            checkNotNull(dense, "dense");
            checkNotNull(conv, "conv");
            checkNotNull(dtype, "dtype");
        }

        /** Gram iteration (6 squarings) in FLOAT64: tight upper bounds. */
        public static Options gram() {
            return new Options(new GramIteration(), new GramIteration(), DType.FLOAT64);
        }

        /** Exact norms by SVD (upper bounds where the layer is not a circular convolution). */
        public static Options exact() {
            return new Options(new ExactSpectralNorm(), new ExactSpectralNorm(), DType.FLOAT64);
        }
    }

    /** {@link #bound(Module, Shape, Options)} with {@link Options#gram()}. */
    public static NetworkBound bound(Module net, Shape input) {
        return bound(net, input, Options.gram());
    }

    /**
     * @param input shape of one sample, without the batch axis ({@code [C, H, W]} or {@code [features]})
     */
    public static NetworkBound bound(Module net, Shape input, Options options) {
        checkNotNull(net, "net");
        checkArgument(input.rank() >= 1 && input.size() > 0, "NetworkLipschitz: bad sample shape %s", input);
        Backend backend = backendOf(net);
        checkArgument(backend != null, "NetworkLipschitz: %s has no parameters to tell its backend; use a network with weights",
                net.getClass().getSimpleName());
        Map<Module, Boolean> modes = new LinkedHashMap<>();
        net.namedModules().values().forEach(m -> modes.put(m, m.isTraining()));
        List<NetworkBound.LayerBound> out = new ArrayList<>();
        try (Scope scope = Scope.open(); GradMode.Restore ng = Autograd.noGrad()) {
            Tensor x = Tensor.zeros(backend, dtypeOf(net), prepend(1, input));
            visit(net, "", x, modes, options, out);
        } finally {
            modes.forEach((m, training) -> m.train(training));
        }
        return new NetworkBound(out);
    }

    /** Bounds {@code m} (recursing into Sequentials) for batch input {@code x}; returns the output. */
    private static Tensor visit(Module m, String path, Tensor x, Map<Module, Boolean> modes, Options o,
                                List<NetworkBound.LayerBound> out) {
        if (m instanceof Sequential seq && !(m instanceof LipschitzBounded)) {
            Tensor h = x;
            for (int i = 0; i < seq.size(); i++) {
                h = visit(seq.get(i), path.isEmpty() ? String.valueOf(i) : path + "." + i, h, modes, o, out);
            }
            return h;
        }
        Shape sample = x.shape().sub(1, x.rank());
        String name = m.getClass().getSimpleName();
        StandardLayerBounds.Outcome r;
        // Bound in the caller's mode (BatchNorm and Dropout depend on it), then run in eval mode.
        setModes(m, modes);
        try {
            r = m instanceof LipschitzBounded lb ? StandardLayerBounds.Outcome.of(lb.lipschitzBound(sample))
                    : StandardLayerBounds.bound(m, sample, o, x.backend());
        } catch (IllegalArgumentException e) {
            r = StandardLayerBounds.Outcome.none(e.getMessage());
        }
        out.add(new NetworkBound.LayerBound(path.isEmpty() ? name : path, name, sample, r.bound(), r.reason()));
        m.eval();
        return m.forward(x);
    }

    private static void setModes(Module m, Map<Module, Boolean> modes) {
        for (Module sub : m.namedModules().values()) {
            Boolean t = modes.get(sub);
            if (t != null) {
                sub.train(t);
            }
        }
    }

    private static int[] prepend(int n, Shape s) {
        int[] d = new int[s.rank() + 1];
        d[0] = n;
        for (int i = 0; i < s.rank(); i++) {
            d[i + 1] = s.dim(i);
        }
        return d;
    }

    private static Backend backendOf(Module net) {
        return net.parameters().isEmpty() ? null : net.parameters().get(0).value().backend();
    }

    private static DType dtypeOf(Module net) {
        return net.parameters().get(0).value().dtype();
    }
}
