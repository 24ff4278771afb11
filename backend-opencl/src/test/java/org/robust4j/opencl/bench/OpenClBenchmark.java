package org.robust4j.opencl.bench;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BackendProvider;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.inject.Robust4j;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * Speed of the OpenCL backend against the ND4J backend in the same run, on the same inputs:
 * GEMM 1024 and 2048, conv2d forward + both gradients, a training step of the peer small CNN,
 * the batched complex Gram step of the Gram iteration, and the launch overhead of a tiny
 * elementwise op. Reports milliseconds per iteration, GFLOP/s (model FLOPs: 2mnk per product),
 * the ratio to ND4J, and the largest difference of the results from ND4J's (relative to the
 * largest magnitude), so the run doubles as a correctness check on a new device.
 *
 * <p>Not a test (tests never measure time). Runs without Maven:
 * <pre>
 *   java -cp &lt;jars&gt; org.robust4j.opencl.bench.OpenClBenchmark [--quick] [--backends opencl,nd4j] [--peak-tflops 67]
 * </pre>
 * The OpenCL device comes from the configuration ({@code -Drobust4j.opencl.device=H100}, see
 * reference.conf); {@code --quick} runs fewer iterations; {@code --peak-tflops} (the device's
 * FP32 peak, e.g. 67 for an H100 SXM, 51 for an H100 PCIe) adds the fraction of it reached.
 */
public final class OpenClBenchmark {

    /** One measured computation; {@link #prepare} uploads its inputs to a backend. */
    interface Workload {
        String name();

        /** Floating-point operations of one iteration (0 when not meaningful). */
        double flops();

        Prepared prepare(Backend b);
    }

    /** A workload's inputs on one backend; closing releases them. */
    interface Prepared extends AutoCloseable {
        /** One iteration: enqueues the work (its temporaries released by the caller's scope). */
        void step();

        /** The result of one iteration, on the host, to compare between backends. */
        double[] result();

        @Override
        void close();
    }

    record Row(String workload, String backend, double msPerIter, double gflops, double diff) {
    }

    public static void main(String[] args) {
        boolean quick = false;
        double peak = Double.NaN;
        List<String> names = List.of("opencl", "nd4j");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--backends" -> names = List.of(args[++i].split(","));
                case "--peak-tflops" -> peak = Double.parseDouble(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("usage: OpenClBenchmark [--quick] [--backends opencl,nd4j] [--peak-tflops T]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Config config = Robust4j.config();
        Map<String, Backend> backends = new LinkedHashMap<>();
        for (String n : names) {
            BackendProvider p = Backends.provider(n);
            String why = p.unavailableReason().orElse(null);
            if (why != null) {
                System.out.println("skipping " + n + ": " + why);
                continue;
            }
            backends.put(n, p.create(config));
        }
        try {
            for (Map.Entry<String, Backend> e : backends.entrySet()) {
                System.out.println("backend " + e.getKey() + ":");
                e.getValue().info().forEach((k, v) -> System.out.println("  " + k + ": " + v));
            }
            System.out.println();
            List<Row> rows = run(workloads(), backends, quick);
            print(rows, backends.keySet(), peak);
        } finally {
            backends.values().forEach(Backend::close);
        }
    }

    static List<Workload> workloads() {
        return List.of(gemm(1024), gemm(2048), conv(), peerCnnStep(), complexGram(), launchOverhead());
    }

    static List<Row> run(List<Workload> workloads, Map<String, Backend> backends, boolean quick) {
        List<Row> rows = new ArrayList<>();
        for (Workload w : workloads) {
            double[] reference = null;
            for (Map.Entry<String, Backend> e : backends.entrySet()) {
                Backend b = e.getValue();
                try (Prepared p = w.prepare(b)) {
                    double[] result = p.result();
                    int warmup = quick ? 1 : 3;
                    for (int i = 0; i < warmup; i++) {
                        once(p);
                    }
                    b.synchronize();
                    // Enough iterations for about a second (or two, quick: a few), at least 3.
                    long t0 = System.nanoTime();
                    once(p);
                    b.synchronize();
                    double single = (System.nanoTime() - t0) / 1e9;
                    int iters = (int) Math.max(3, Math.min(quick ? 20 : 2000, (quick ? 0.3 : 1.5) / Math.max(single, 1e-6)));
                    t0 = System.nanoTime();
                    for (int i = 0; i < iters; i++) {
                        once(p);
                    }
                    b.synchronize();
                    double sec = (System.nanoTime() - t0) / 1e9 / iters;
                    double diff = Double.NaN;
                    if (reference == null) {
                        reference = result;
                    } else {
                        diff = relativeDifference(result, reference);
                    }
                    rows.add(new Row(w.name(), e.getKey(), sec * 1e3, w.flops() > 0 ? w.flops() / sec / 1e9 : Double.NaN,
                            diff));
                    System.out.printf(Locale.ROOT, "%-44s %-7s %10.3f ms  %9.2f GFLOP/s  (%d iterations)%n", w.name(),
                            e.getKey(), sec * 1e3, w.flops() / sec / 1e9, iters);
                }
            }
        }
        return rows;
    }

    private static void once(Prepared p) {
        try (Scope s = Scope.open()) {
            p.step();
        }
    }

    private static void print(List<Row> rows, Iterable<String> backendNames, double peakTflops) {
        String base = backendNames.iterator().next();
        boolean peak = !Double.isNaN(peakTflops);
        System.out.println();
        System.out.println("| workload | backend | ms / iteration | GFLOP/s | speed vs " + rowsOther(rows, base)
                + " | max rel. difference vs first |" + (peak ? " % of " + peakTflops + " TFLOP/s |" : ""));
        System.out.println("|---|---|---:|---:|---:|---:|" + (peak ? "---:|" : ""));
        for (Row r : rows) {
            Row other = rows.stream().filter(o -> o.workload.equals(r.workload) && !o.backend.equals(r.backend))
                    .findFirst().orElse(null);
            String ratio = other == null ? "" : String.format(Locale.ROOT, "%.2fx", other.msPerIter / r.msPerIter);
            System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %s | %s | %s |%s%n", r.workload, r.backend, r.msPerIter,
                    Double.isNaN(r.gflops) ? "" : String.format(Locale.ROOT, "%.2f", r.gflops), ratio,
                    Double.isNaN(r.diff) ? "" : String.format(Locale.ROOT, "%.1e", r.diff),
                    peak ? String.format(Locale.ROOT, " %.1f%% |", 100 * r.gflops / (peakTflops * 1e3)) : "");
        }
    }

    private static String rowsOther(List<Row> rows, String base) {
        return rows.stream().map(Row::backend).filter(b -> !b.equals(base)).findFirst().orElse("other");
    }

    static double relativeDifference(double[] a, double[] b) {
        double max = 0;
        double scale = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        return a.length != b.length ? Double.POSITIVE_INFINITY : max / Math.max(scale, 1e-30);
    }

    // ---------------------------------------------------------------- inputs

    static float[] host(long seed, int n, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble(-1, 1) * scale);
        }
        return v;
    }

    static NDArray upload(Backend b, long seed, double scale, int... shape) {
        Shape s = Shape.of(shape);
        return Scope.untracked(() -> b.fromFloats(host(seed, s.sizeAsInt(), scale), s));
    }

    /** Host copy of a few arrays, concatenated. */
    static double[] collect(Backend b, NDArray... arrays) {
        List<double[]> parts = new ArrayList<>();
        int n = 0;
        for (NDArray a : arrays) {
            double[] d = b.toDoubles(a);
            parts.add(d);
            n += d.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] d : parts) {
            System.arraycopy(d, 0, out, at, d.length);
            at += d.length;
        }
        return out;
    }

    // ---------------------------------------------------------------- workloads

    static Workload gemm(int n) {
        return new Workload() {
            public String name() {
                return "GEMM " + n + "x" + n + "x" + n + " FLOAT32";
            }

            public double flops() {
                return 2.0 * n * n * n;
            }

            public Prepared prepare(Backend b) {
                NDArray x = upload(b, 1, 1, n, n);
                NDArray y = upload(b, 2, 1, n, n);
                return new Prepared() {
                    public void step() {
                        b.matmul(x, y, false, false);
                    }

                    public double[] result() {
                        try (Scope s = Scope.open()) {
                            return collect(b, b.matmul(x, y, false, false));
                        }
                    }

                    public void close() {
                        x.close();
                        y.close();
                    }
                };
            }
        };
    }

    static Workload conv() {
        Conv2dSpec spec = Conv2dSpec.of(1, 1);
        return new Workload() {
            public String name() {
                return "conv2d [128,16,28,28]*[32,16,3,3] fwd+bwd";
            }

            public double flops() {
                return 3 * 2.0 * 128 * 32 * 28 * 28 * 16 * 9;   // forward, input gradient, weight gradient
            }

            public Prepared prepare(Backend b) {
                NDArray x = upload(b, 3, 1, 128, 16, 28, 28);
                NDArray w = upload(b, 4, 0.2, 32, 16, 3, 3);
                NDArray gy = upload(b, 5, 1, 128, 32, 28, 28);
                return new Prepared() {
                    public void step() {
                        b.conv2d(x, w, spec);
                        b.conv2dBackward(x, w, gy, spec, true, true);
                    }

                    public double[] result() {
                        try (Scope s = Scope.open()) {
                            NDArray[] g = b.conv2dBackward(x, w, gy, spec, true, true);
                            return collect(b, b.conv2d(x, w, spec), g[0], g[1]);
                        }
                    }

                    public void close() {
                        x.close();
                        w.close();
                        gy.close();
                    }
                };
            }
        };
    }

    /**
     * One SGD step of conv3x3(1->32, pad 1) ReLU conv3x3(32->64, stride 2, pad 1) ReLU flatten
     * linear(12544->10), cross-entropy, batch 128, through the frontend with autograd.
     */
    static Workload peerCnnStep() {
        return new Workload() {
            public String name() {
                return "peer CNN training step, batch 128";
            }

            public double flops() {
                double c1 = 2.0 * 128 * 32 * 784 * 9;
                double c2 = 2.0 * 128 * 64 * 196 * 288;
                double fc = 2.0 * 128 * 12544 * 10;
                return (c1 + c2 + fc) + (c1 + 2 * c2 + 2 * fc);   // forward; backward (no input gradient for conv1)
            }

            public Prepared prepare(Backend b) {
                Tensor x = Tensor.wrap(upload(b, 6, 1, 128, 1, 28, 28));
                SplittableRandom r = new SplittableRandom(7);
                long[] labels = new long[128];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = r.nextInt(10);
                }
                Tensor onehot = Scope.untracked(() -> Tensor.ofLongs(b, labels, 128).oneHot(10, DType.FLOAT32));
                Tensor[] params = {
                    param(b, 8, 1.0 / 3, 32, 1, 3, 3), param(b, 9, 0, 32),
                    param(b, 10, 1.0 / Math.sqrt(288), 64, 32, 3, 3), param(b, 11, 0, 64),
                    param(b, 12, 1.0 / Math.sqrt(12544), 10, 12544), param(b, 13, 0, 10)};
                return new Prepared() {
                    /** Forward, backward and an SGD update; returns the loss before the update. */
                    Tensor train() {
                        Tensor h1 = x.conv2d(params[0], Conv2dSpec.of(1, 1)).addChannelBias(params[1]).relu();
                        Tensor h2 = h1.conv2d(params[2], Conv2dSpec.of(2, 1)).addChannelBias(params[3]).relu();
                        Tensor logits = h2.flatten(1).matmul(params[4], false, true).add(params[5]);
                        Tensor loss = logits.logSoftmax(1).mul(onehot).sum(1).neg().mean();
                        loss.backward();
                        try (GradMode.Restore g = Autograd.noGrad()) {
                            for (Tensor p : params) {
                                p.applyInPlace(BinaryOp.SUB, p.grad().mul(0.05));
                                p.zeroGrad();
                            }
                        }
                        return loss;
                    }

                    public void step() {
                        train();
                    }

                    public double[] result() {
                        // The loss and parameters after one step from the common start.
                        try (Scope s = Scope.open()) {
                            double loss = train().item();
                            double[] after = collect(b, params[2].data(), params[4].data());
                            double[] out = new double[after.length + 1];
                            System.arraycopy(after, 0, out, 0, after.length);
                            out[after.length] = loss;
                            return out;
                        }
                    }

                    public void close() {
                        x.close();
                        onehot.close();
                        for (Tensor p : params) {
                            p.close();
                        }
                    }
                };
            }
        };
    }

    private static Tensor param(Backend b, long seed, double scale, int... shape) {
        NDArray a = scale == 0 ? Scope.untracked(() -> b.zeros(Shape.of(shape), DType.FLOAT32)) : upload(b, seed, scale, shape);
        return Tensor.wrap(a).requiresGrad(true);
    }

    /** G = A^H A for a batch of 1024 complex 64 x 64 matrices stored as (re, im): four real batched products. */
    static Workload complexGram() {
        return new Workload() {
            public String name() {
                return "complex Gram step, batch 1024 of 64x64";
            }

            public double flops() {
                return 4 * 2.0 * 64 * 64 * 64 * 1024;
            }

            public Prepared prepare(Backend b) {
                NDArray re = upload(b, 14, 1, 1024, 64, 64);
                NDArray im = upload(b, 15, 1, 1024, 64, 64);
                return new Prepared() {
                    NDArray[] gram() {
                        NDArray rr = b.matmul(re, re, true, false);
                        NDArray ii = b.matmul(im, im, true, false);
                        NDArray ri = b.matmul(re, im, true, false);
                        NDArray ir = b.matmul(im, re, true, false);
                        return new NDArray[] {b.binary(BinaryOp.ADD, rr, ii), b.binary(BinaryOp.SUB, ri, ir)};
                    }

                    public void step() {
                        gram();
                    }

                    public double[] result() {
                        try (Scope s = Scope.open()) {
                            return collect(b, gram());
                        }
                    }

                    public void close() {
                        re.close();
                        im.close();
                    }
                };
            }
        };
    }

    /** 100 dependent adds of 1024 elements: what a launch costs when there is almost no work. */
    static Workload launchOverhead() {
        return new Workload() {
            public String name() {
                return "launch overhead: 100 adds of [1024]";
            }

            public double flops() {
                return 100 * 1024;
            }

            public Prepared prepare(Backend b) {
                NDArray x = upload(b, 16, 1, 1024);
                return new Prepared() {
                    NDArray chain() {
                        NDArray y = x;
                        for (int i = 0; i < 100; i++) {
                            y = b.binary(BinaryOp.ADD, y, x);
                        }
                        return y;
                    }

                    public void step() {
                        chain();
                    }

                    public double[] result() {
                        try (Scope s = Scope.open()) {
                            return collect(b, chain());
                        }
                    }

                    public void close() {
                        x.close();
                    }
                };
            }
        };
    }
}
