package org.robust4j.layers.lipschitz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.support.Nd4jTestBackend;

/**
 * Timing harness (not a test; JMH-free until the benchmarks module takes it over): Gram-iteration
 * bound, exact norm and power iteration on the kernels, in the setting of the PyTorch peer
 * ({@code ../shared/peer/spectral_reference.py}: circular padding k/2, stride 1, Gram with 6
 * squarings, 100 power steps from the fixture's start vector), warm-up then the median of
 * several runs.
 *
 * <pre>  java ... SpectralNormBenchmark [fixtures-dir] [runs]</pre>
 *
 * With a fixtures directory written by the peer's {@code gen_fixtures.py}, the same kernels and
 * start vectors are read (raw little-endian float32), so the values printed can be compared with
 * the peer's; otherwise kernels are drawn N(0, 2/(c_in k^2)) as the peer's recipe says.
 */
public final class SpectralNormBenchmark {
    record Workload(int co, int ci, int k, int n) {
        String name() {
            return "conv_" + co + "x" + ci + "x" + k + "x" + k + "_n" + n;
        }
    }

    static final List<Workload> WORKLOADS = List.of(
            new Workload(64, 64, 3, 32), new Workload(256, 256, 3, 8), new Workload(512, 512, 3, 4));

    public static void main(String[] args) throws IOException {
        Path fixtures = args.length > 0 ? Path.of(args[0]) : null;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Backend b = Nd4jTestBackend.get();
        System.out.println("backend " + b.name() + " " + b.info());
        for (Workload w : WORKLOADS) {
            Tensor k0 = fixtures != null
                    ? load(b, fixtures.resolve(w.name() + ".bin"), w.co, w.ci, w.k, w.k)
                    : Tensor.randn(b, new Generator(w.n), DType.FLOAT32, w.co, w.ci, w.k, w.k)
                            .mul(Math.sqrt(2.0 / (w.ci * w.k * w.k)));
            Tensor start = fixtures != null
                    ? load(b, fixtures.resolve("pistart_" + w.name() + ".bin"), w.ci, w.n, w.n) : null;
            Tensor k32 = keep(k0);
            Tensor k64 = keep(k0.cast(DType.FLOAT64));
            ConvGeometry g = ConvGeometry.circular(k32.shape(), w.n);
            PowerIteration power = start == null ? new PowerIteration(100) : new PowerIteration(100).withStart(keep(start));
            report(w, "gram6 f32", runs, () -> new GramIteration(6).conv(k32, g));
            report(w, "gram6 f32 no-prune", runs, () -> new GramIteration(6).withoutPruning().conv(k32, g));
            report(w, "gram6 f64", runs, () -> new GramIteration(6).conv(k64, g));
            report(w, "exact f32", runs, () -> new ExactSpectralNorm().conv(k32, g));
            report(w, "exact f64", runs, () -> new ExactSpectralNorm().conv(k64, g));
            report(w, "power100 f32", runs, () -> power.conv(k32, g));
        }
    }

    private static Tensor keep(Tensor t) {
        return org.robust4j.core.tensor.Scope.untracked(() -> Tensor.wrap(t.backend().copy(t.data())));
    }

    private static void report(Workload w, String what, int runs, Supplier<SpectralNorm> body) {
        SpectralNorm r = null;
        for (int i = 0; i < 2; i++) {
            r = body.get();
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r = body.get();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-24s %-20s median %9.4f s  min %9.4f s  value %.9g (%s)%n", w.name(), what,
                sorted[runs / 2], sorted[0], r.value(), r.kind().label());
    }

    static Tensor load(Backend b, Path file, int... shape) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[buf.remaining() / 4];
        buf.asFloatBuffer().get(v);
        return Tensor.of(b, v, shape);
    }

    private SpectralNormBenchmark() {}
}
