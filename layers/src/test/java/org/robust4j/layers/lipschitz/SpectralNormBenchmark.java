package org.robust4j.layers.lipschitz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
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
 *
 * <p>How it was run (classpath from {@code mvn dependency:build-classpath -pl layers
 * -Dmdep.includeScope=test}; peer fixtures from {@code gen_fixtures.py}; both with 2 threads):
 * <pre>  java -cp layers/target/test-classes:layers/target/classes:$CP \
 *       org.robust4j.layers.lipschitz.SpectralNormBenchmark $PEER/fixtures 5</pre>
 * The peer side times {@code spectral_reference.py}'s {@code gram_conv(K, n, 6)},
 * {@code exact_conv(K, n).max()} and {@code power_conv(K, n, x0, 100)} with its {@code common.time_fn}.
 *
 * <p>Results, 2026-11-24 13:56-14:00 UTC, the 2-core machine quiet (load 1.4-1.9; every sample clean
 * by both sides' gating), median seconds, ND4J 1.0.0-M2.1 / OpenBLAS vs PyTorch 1.13 CPU, both 2
 * threads, run one after the other. Values agree to float32 rounding (Gram 2.86344504 vs
 * 2.86344528, exact 2.86344214 vs 2.86344242). Ratio = PyTorch time / robust4j time.
 * <pre>
 * kernel, n               method        robust4j  PyTorch   speed-up
 * [64,64,3,3]    n=32     gram6 f32     0.182     0.656     3.6x
 *                         exact f32     0.159     0.461     2.9x
 *                         power100 f32  0.233     0.264     1.1x
 * [256,256,3,3]  n=8      gram6 f32     0.285     1.117     3.9x
 *                         exact f32     0.332     0.506     1.5x
 *                         power100 f32  0.208     0.196     0.94x (slower)
 * [512,512,3,3]  n=4      gram6 f32     0.429     1.587     3.7x
 *                         exact f32     0.622     0.730     1.2x
 *                         power100 f32  0.258     0.605     2.3x
 * </pre>
 */
public final class SpectralNormBenchmark {
    record Workload(int co, int ci, int k, int n) {
        String name() {
            return "conv_" + co + "x" + ci + "x" + k + "x" + k + "_n" + n;
        }
    }

    private static final int WARMUP = 2;

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
            System.out.println("load average " + loadAverage());
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

    /**
     * Warm-up, then timed calls with the peer's contention gating: before a sample that follows
     * a contended one, wait (up to 30 s) until other processes use at most 0.15 cores; a sample
     * during which they used more is "contended". The median is over clean samples (marked
     * {@code *} when none was clean, as the peer marks "contended": true).
     */
    private static void report(Workload w, String what, int runs, Supplier<SpectralNorm> body) {
        SpectralNorm r = null;
        for (int i = 0; i < WARMUP; i++) {
            r = body.get();
        }
        List<Double> clean = new java.util.ArrayList<>();
        List<Double> all = new java.util.ArrayList<>();
        boolean previousClean = false;
        long start = System.nanoTime();
        while (clean.size() < runs && all.size() < 3 * runs && System.nanoTime() - start < 120e9) {
            if (!previousClean) {
                CpuMeter.waitQuiet(0.15, 30);
            }
            CpuMeter m = CpuMeter.start();
            r = body.get();
            double[] wallOther = m.stop();
            all.add(wallOther[0]);
            previousClean = wallOther[1] <= 0.15;
            if (previousClean) {
                clean.add(wallOther[0]);
            }
        }
        List<Double> use = clean.isEmpty() ? all : clean;
        double[] sorted = use.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-24s %-20s median %9.4f s%s  min %9.4f s  (%d clean of %d)  value %.9g (%s)%n",
                w.name(), what, sorted[sorted.length / 2], clean.isEmpty() ? "*" : " ", sorted[0], clean.size(),
                all.size(), r.value(), r.kind().label());
    }

    /** Wall time and the cores other processes used meanwhile (from /proc/stat minus this process). */
    static final class CpuMeter {
        private final long t0;
        private final long busy0;
        private final long own0;

        private CpuMeter() {
            t0 = System.nanoTime();
            busy0 = busyTicks();
            own0 = ownTicks();
        }

        static CpuMeter start() {
            return new CpuMeter();
        }

        /** {wall seconds, other processes' average cores}. */
        double[] stop() {
            double wall = (System.nanoTime() - t0) / 1e9;
            double other = Math.max(0, (busyTicks() - busy0) - (ownTicks() - own0)) / 100.0 / wall;
            return new double[] {wall, other};
        }

        static void waitQuiet(double maxOther, double maxWaitS) {
            long t = System.nanoTime();
            while ((System.nanoTime() - t) / 1e9 < maxWaitS) {
                CpuMeter m = start();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (m.stop()[1] <= maxOther) {
                    return;
                }
            }
        }

        /** Busy jiffies of all CPUs (total minus idle and iowait), USER_HZ = 100. */
        private static long busyTicks() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                return total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        private static long ownTicks() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "n/a";
        }
    }

    static Tensor load(Backend b, Path file, int... shape) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[buf.remaining() / 4];
        buf.asFloatBuffer().get(v);
        return Tensor.of(b, v, shape);
    }

    private SpectralNormBenchmark() {}
}
