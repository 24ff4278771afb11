package org.robust4j.benchmarks.compare;

import java.util.LinkedHashMap;
import java.util.Map;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.lipschitz.ConvGeometry;
import org.robust4j.layers.lipschitz.ExactSpectralNorm;
import org.robust4j.layers.lipschitz.GramIteration;
import org.robust4j.layers.lipschitz.PowerIteration;
import org.robust4j.layers.lipschitz.SpectralNorm;

/**
 * Spectral norm of a circular 3x3 convolution (padding 1, stride 1, float32) from the fixtures'
 * kernel: Gram iteration with 6 squarings (Delattre et al. 2023, from the kernel's FFT), the exact
 * norm (FFT and one SVD per frequency), or 100 power-iteration steps through the convolution from
 * the fixtures' start vector. Milliseconds per call; the check is the norm itself.
 */
final class SpectralRow extends Row {
    enum Method { GRAM, EXACT, POWER }

    private final Method method;
    private final int channels;
    private final int n;

    SpectralRow(Method method, int channels, int n) {
        super(method.name().toLowerCase() + "-" + channels, "ms", false, describe(method, channels, n));
        this.method = method;
        this.channels = channels;
        this.n = n;
    }

    private static String describe(Method method, int channels, int n) {
        String what = switch (method) {
            case GRAM -> "Gram iteration (6 squarings)";
            case EXACT -> "exact norm (FFT + per-frequency SVD)";
            case POWER -> "power iteration (100 steps)";
        };
        return what + " of a [" + channels + "," + channels + ",3,3] circular conv at n = " + n;
    }

    /** The fixture suffix, e.g. {@code 64x64x3x3_n32}. */
    String kernelName() {
        return channels + "x" + channels + "x3x3_n" + n;
    }

    @Override
    RowResult run(Bench bench) throws Exception {
        Backend b = bench.backend();
        Fixtures f = bench.requireFixtures();
        Tensor kernel = f.tensor(b, "kernel_" + kernelName());
        ConvGeometry g = ConvGeometry.circular(kernel.shape(), n);
        PowerIteration power = new PowerIteration(100).withStart(f.tensor(b, "pistart_" + kernelName()));
        double[] value = {Double.NaN};
        GatedTimer.Timing t = bench.timer().time(() -> {
            try (Scope s = Scope.open()) {
                SpectralNorm r = switch (method) {
                    case GRAM -> new GramIteration(6).conv(kernel, g);
                    case EXACT -> new ExactSpectralNorm().conv(kernel, g);
                    case POWER -> power.conv(kernel, g);
                };
                value[0] = r.value();
            }
        });
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("kernel", new int[] {channels, channels, 3, 3});
        params.put("n", n);
        params.put("padding", "circular");
        params.put("dtype", "float32");
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("sigma", value[0]);
        return RowResult.millis(t, params, check);
    }
}
