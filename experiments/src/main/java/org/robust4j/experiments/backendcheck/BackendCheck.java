package org.robust4j.experiments.backendcheck;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.experiments.backendcheck.BackendCheckConfig.ConvCase;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.report.CsvReport;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.MarkdownReport;
import org.robust4j.experiments.report.Plot;
import org.robust4j.experiments.report.PlotReport;
import org.robust4j.experiments.report.Progress;
import org.robust4j.experiments.report.Summary;

/**
 * How fast the selected backend runs the two operations that dominate training and
 * certification, through the frontend {@link Tensor} API (so the frontend's overhead is counted):
 * square matrix products, and 2-D convolutions forward and forward + backward (gradients to both
 * input and kernel). Reports median milliseconds and GFLOP/s.
 *
 * <p>Writes {@code results.json}, {@code results.csv}, {@code matmul.png}, {@code conv2d.png},
 * {@code report.md}; headline keys: {@code matmul_<n>_ms}, {@code matmul_<n>_gflops}, and for
 * the first convolution {@code conv2d_shape}, {@code conv2d_fwd_ms}, {@code conv2d_fwd_gflops},
 * {@code conv2d_fwd_bwd_ms}, {@code conv2d_fwd_bwd_gflops}.
 */
public final class BackendCheck implements Experiment<BackendCheckConfig> {
    static final String MATMUL = "matmul";
    static final String CONV_FWD = "conv2d_fwd";
    static final String CONV_FWD_BWD = "conv2d_fwd_bwd";

    /** Everything measured, as written to {@code results.json}. */
    public record Results(String backend, Map<String, String> backendInfo, List<Measurement> measurements) {
    }

    @Override
    public String name() {
        return "backend-check";
    }

    @Override
    public String description() {
        return "times matmul and conv2d (forward, forward+backward) on the selected backend: median ms and GFLOP/s";
    }

    @Override
    public Class<BackendCheckConfig> configType() {
        return BackendCheckConfig.class;
    }

    @Override
    public Map<String, BackendCheckConfig> presets() {
        Map<String, BackendCheckConfig> p = new LinkedHashMap<>();
        p.put(DEFAULT_PRESET, BackendCheckConfig.defaults());
        p.put(TINY_PRESET, BackendCheckConfig.tiny());
        return p;
    }

    @Override
    public Summary run(BackendCheckConfig config, RunContext context) throws IOException {
        Backend backend = context.backend();
        List<Measurement> measurements = new ArrayList<>();
        int ops = config.matmulSizes().size() + 2 * config.convolutions().size();
        try (Progress progress = context.progress("backend-check", ops)) {
            OpTimer timer = new OpTimer(backend, config.warmup(), config.repetitions(), progress);
            for (int n : config.matmulSizes()) {
                measurements.add(timeMatmul(backend, context.generator(), timer, n));
            }
            for (ConvCase c : config.convolutions()) {
                measurements.addAll(timeConv(backend, context.generator(), timer, c));
            }
        }
        writeFiles(context, backend, config, measurements);
        return headline(config, measurements);
    }

    @SuppressWarnings("try") // a Scope is opened for what it releases, not used by name
    private static Measurement timeMatmul(Backend backend, Generator g, OpTimer timer, int n) {
        try (Scope inputs = Scope.open()) {
            Tensor a = Tensor.randn(backend, g, DType.FLOAT32, n, n);
            Tensor b = Tensor.randn(backend, g, DType.FLOAT32, n, n);
            String shape = "[" + n + "," + n + "]x[" + n + "," + n + "]";
            return timer.time(MATMUL, shape, 2L * n * n * n, () -> a.matmul(b));
        }
    }

    @SuppressWarnings("try") // a Scope is opened for what it releases, not used by name
    private static List<Measurement> timeConv(Backend backend, Generator g, OpTimer timer, ConvCase c) {
        Conv2dSpec spec = Conv2dSpec.of(c.stride(), c.padding());
        try (Scope inputs = Scope.open()) {
            Tensor x = Tensor.randn(backend, g, DType.FLOAT32, c.batch(), c.inChannels(), c.height(), c.width());
            Tensor w = Tensor.randn(backend, g, DType.FLOAT32, c.outChannels(), c.inChannels(), c.kernel(), c.kernel());
            Tensor gradOut = Tensor.randn(backend, g, DType.FLOAT32, c.batch(), c.outChannels(), c.outHeight(),
                    c.outWidth());
            Measurement forward = timer.time(CONV_FWD, c.label(), c.forwardFlops(), () -> x.conv2d(w, spec));

            // Backward computes both the transposed convolution (input gradient) and the kernel
            // gradient, each as costly as the forward pass.
            x.requiresGrad(true);
            w.requiresGrad(true);
            Measurement forwardBackward = timer.time(CONV_FWD_BWD, c.label(), 3 * c.forwardFlops(),
                    () -> x.conv2d(w, spec).backward(gradOut),
                    () -> {
                        x.zeroGrad();
                        w.zeroGrad();
                    });
            return List.of(forward, forwardBackward);
        }
    }

    private void writeFiles(RunContext context, Backend backend, BackendCheckConfig config,
                            List<Measurement> measurements) throws IOException {
        JsonReport.write(context.file("results.json"), new Results(backend.name(), backend.info(), measurements));
        CsvReport.write(context.file("results.csv"), Measurement.class, measurements);

        List<Measurement> matmuls = only(measurements, MATMUL);
        double[] sizes = config.matmulSizes().stream().mapToDouble(n -> n).toArray();
        PlotReport.writePng(context.file("matmul.png"),
                Plot.line("matmul throughput (" + backend.name() + ")", "n (n x n times n x n)", "GFLOP/s")
                        .withLogX()
                        .withSeries(MATMUL, sizes, rates(matmuls)));

        List<Measurement> fwd = only(measurements, CONV_FWD);
        List<Measurement> fwdBwd = only(measurements, CONV_FWD_BWD);
        PlotReport.writePng(context.file("conv2d.png"),
                Plot.scatter("conv2d throughput (" + backend.name() + ")", "forward GFLOP per call", "GFLOP/s")
                        .withSeries("forward", forwardGflop(fwd), rates(fwd))
                        .withSeries("forward + backward", forwardGflop(fwd), rates(fwdBwd)));

        List<List<String>> rows = measurements.stream().map(m -> List.of(m.op(), m.shape(),
                format(m.medianMs()), format(m.minMs()), format(m.gflops()))).toList();
        new MarkdownReport("backend-check: " + backend.name())
                .paragraph("Median and fastest of " + measurements.get(0).repetitions()
                        + " repetitions after warm-up, through the frontend Tensor API. Backend info: " + backend.info())
                .table(List.of("op", "shape", "median ms", "min ms", "GFLOP/s"), rows)
                .image("matmul throughput", "matmul.png")
                .image("conv2d throughput", "conv2d.png")
                .write(context.file("report.md"));
    }

    private static Summary headline(BackendCheckConfig config, List<Measurement> measurements) {
        Summary s = new Summary();
        List<Measurement> matmuls = only(measurements, MATMUL);
        for (int i = 0; i < matmuls.size(); i++) {
            int n = config.matmulSizes().get(i);
            s.put("matmul_" + n + "_ms", matmuls.get(i).medianMs());
            s.put("matmul_" + n + "_gflops", matmuls.get(i).gflops());
        }
        // The first convolution is the headline one.
        Measurement fwd = only(measurements, CONV_FWD).get(0);
        Measurement fwdBwd = only(measurements, CONV_FWD_BWD).get(0);
        s.put("conv2d_shape", config.convolutions().get(0).label());
        s.put("conv2d_fwd_ms", fwd.medianMs());
        s.put("conv2d_fwd_gflops", fwd.gflops());
        s.put("conv2d_fwd_bwd_ms", fwdBwd.medianMs());
        s.put("conv2d_fwd_bwd_gflops", fwdBwd.gflops());
        return s;
    }

    private static List<Measurement> only(List<Measurement> ms, String op) {
        return ms.stream().filter(m -> m.op().equals(op)).toList();
    }

    private static double[] rates(List<Measurement> ms) {
        return ms.stream().mapToDouble(Measurement::gflops).toArray();
    }

    private static double[] forwardGflop(List<Measurement> forward) {
        return forward.stream().mapToDouble(m -> m.flops() / 1e9).toArray();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
