package org.robust4j.experiments.lipschitz;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.reproduce.Scale;
import org.robust4j.experiments.report.CsvReport;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.MarkdownReport;
import org.robust4j.experiments.report.Plot;
import org.robust4j.experiments.report.PlotReport;
import org.robust4j.experiments.report.Progress;
import org.robust4j.experiments.report.Summary;
import org.robust4j.layers.lipschitz.ConvGeometry;
import org.robust4j.layers.lipschitz.ExactSpectralNorm;
import org.robust4j.layers.lipschitz.GramIteration;
import org.robust4j.layers.lipschitz.LipBound;
import org.robust4j.layers.lipschitz.PowerIteration;
import org.robust4j.layers.lipschitz.SinglaFeiziBound;
import org.robust4j.layers.lipschitz.SpatialGramBound;
import org.robust4j.layers.lipschitz.SpectralNorm;
import org.robust4j.layers.lipschitz.SpectralNormEstimator;

/**
 * The comparison of Delattre et al. (ICML 2023, Sec. 5.2-5.3) at laptop scale: for random
 * kernels and every convolution of a seeded ResNet-18-shaped stack, each estimator's value as a
 * ratio to the exact norm and its time; and the convergence figure, relative error against
 * iterations for Gram vs power iteration on one layer.
 *
 * <p>Writes {@code results.json}, {@code results.csv}, {@code convergence.csv}, {@code ratios.png},
 * {@code convergence.png}, {@code report.md}; headline keys per method: {@code <method>_max_ratio},
 * {@code <method>_median_ratio}, {@code <method>_seconds} (total), and {@code resnet18_<method>_product_ratio}.
 */
public final class GramIterationExperiment implements Experiment<GramIterationConfig> {

    /** Convergence of one method at one iteration count, a row of {@code convergence.csv}. */
    public record ConvergencePoint(String method, int iterations, double value, double relativeError) {
    }

    /** Everything measured, as written to {@code results.json}. */
    public record Results(String backend, String dtype, String padding, List<MethodMeasurement> measurements,
                          String convergenceLayer, double convergenceExact, List<ConvergencePoint> convergence) {
    }

    @Override
    public String name() {
        return "gram-iteration";
    }

    @Override
    public String description() {
        return "spectral norms of random kernels and a ResNet-18 stack by Gram iteration and every baseline:"
                + " ratio to exact, time, convergence (Delattre et al. 2023)";
    }

    @Override
    public Class<GramIterationConfig> configType() {
        return GramIterationConfig.class;
    }

    @Override
    public Map<String, GramIterationConfig> presets() {
        Map<String, GramIterationConfig> p = new LinkedHashMap<>();
        p.put(DEFAULT_PRESET, GramIterationConfig.defaults());
        p.put(TINY_PRESET, GramIterationConfig.tiny());
        p.put(Scale.FULL_PRESET, GramIterationConfig.full());
        return p;
    }

    @Override
    public Summary run(GramIterationConfig config, RunContext context) throws IOException {
        Backend backend = context.backend();
        DType dtype = DType.parse(config.dtype());
        PadMode padding = PadMode.parse(config.padding());
        List<ConvLayerShape> resnet = config.resnetInput() > 0
                ? ResNet18Shapes.layers(config.resnetInput(), config.resnetWidthDivisor(), 3) : List.of();
        Map<String, SpectralNormEstimator> methods = estimators(config);

        List<MethodMeasurement> rows = new ArrayList<>();
        int layers = config.randomKernels().size() + resnet.size();
        try (Progress progress = context.progress("gram-iteration", layers + 1)) {
            // One generator stream for all kernels: the run is reproducible from --seed alone.
            Generator g = context.generator();
            for (ConvLayerShape s : config.randomKernels()) {
                rows.addAll(measure("random", s, backend, g, dtype, padding, methods, config.repetitions()));
                progress.step();
            }
            for (ConvLayerShape s : resnet) {
                rows.addAll(measure("resnet18", s, backend, g, dtype, padding, methods, config.repetitions()));
                progress.step();
            }
            Convergence conv = convergence(config, backend, g, dtype, padding);
            progress.step();
            writeFiles(context, backend, config, rows, conv);
            return headline(rows, methods.keySet(), conv);
        }
    }

    private static Map<String, SpectralNormEstimator> estimators(GramIterationConfig c) {
        Map<String, SpectralNormEstimator> m = new LinkedHashMap<>();
        m.put("gram", new GramIteration(c.gramIterations()));
        m.put("power", new PowerIteration(c.powerIterations()));
        m.put("spatial-gram", new SpatialGramBound(c.spatialGramIterations()));
        m.put("lipbound", new LipBound(c.lipboundGrid()));
        m.put("singla-feizi", new SinglaFeiziBound(c.singlaIterations()));
        return m;
    }

    /** He-initialised kernel, N(0, 2/(c_in k^2)), as the papers and the PyTorch peer draw them. */
    private static Tensor kernel(Backend b, Generator g, DType dtype, ConvLayerShape s) {
        return Tensor.randn(b, g, DType.FLOAT64, s.outChannels(), s.inChannels(), s.kernel(), s.kernel())
                .mul(Math.sqrt(2.0 / (s.inChannels() * s.kernel() * s.kernel()))).cast(dtype);
    }

    private static ConvGeometry geometry(ConvLayerShape s, Tensor k, PadMode padding) {
        return ConvGeometry.same(k.shape(), s.input(), s.input(), s.stride(), padding);
    }

    private static List<MethodMeasurement> measure(String group, ConvLayerShape s, Backend b, Generator g, DType dtype,
                                                   PadMode padding, Map<String, SpectralNormEstimator> methods,
                                                   int repetitions) {
        try (Scope scope = Scope.open()) {
            Tensor k = kernel(b, g, dtype, s);
            ConvGeometry geo = geometry(s, k, padding);
            List<MethodMeasurement> out = new ArrayList<>();
            Timed exact = time(repetitions, () -> new ExactSpectralNorm().conv(k, geo));
            out.add(row(group, s, exact, exact.result().value()));
            for (SpectralNormEstimator e : methods.values()) {
                out.add(row(group, s, time(repetitions, () -> e.conv(k, geo)), exact.result().value()));
            }
            return out;
        }
    }

    private static MethodMeasurement row(String group, ConvLayerShape s, Timed t, double exact) {
        SpectralNorm r = t.result();
        return new MethodMeasurement(group, s.name(), s.label(), r.method(), r.kind().label(), r.iterations(), r.value(),
                exact, exact == 0 ? Double.NaN : r.value() / exact, t.seconds());
    }

    private record Timed(SpectralNorm result, double seconds) {
    }

    /** One warm-up call, then the median wall time of {@code repetitions} calls. */
    private static Timed time(int repetitions, Supplier<SpectralNorm> body) {
        SpectralNorm r = body.get();
        double[] t = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long t0 = System.nanoTime();
            r = body.get();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return new Timed(r, t[repetitions / 2]);
    }

    private record Convergence(String layer, double exact, List<ConvergencePoint> points) {
    }

    /**
     * Gram iteration after 1..T squarings and power iteration after the given step counts (each
     * from the same fixed start vector), on one kernel; relative error |value - exact| / exact.
     */
    private static Convergence convergence(GramIterationConfig c, Backend b, Generator g, DType dtype, PadMode padding) {
        ConvLayerShape s = c.convergence();
        try (Scope scope = Scope.open()) {
            Tensor k = kernel(b, g, dtype, s);
            ConvGeometry geo = geometry(s, k, padding);
            double exact = new ExactSpectralNorm().conv(k, geo).value();
            List<ConvergencePoint> points = new ArrayList<>();
            for (int t = 1; t <= c.convergenceGramMax(); t++) {
                double v = new GramIteration(t).conv(k, geo).value();
                points.add(new ConvergencePoint("gram", t, v, Math.abs(v - exact) / exact));
            }
            for (int steps : c.convergencePowerSteps()) {
                double v = new PowerIteration(steps).conv(k, geo).value();
                points.add(new ConvergencePoint("power", steps, v, Math.abs(v - exact) / exact));
            }
            return new Convergence(s.label(), exact, points);
        }
    }

    private static void writeFiles(RunContext context, Backend backend, GramIterationConfig config,
                                   List<MethodMeasurement> rows, Convergence conv) throws IOException {
        JsonReport.write(context.file("results.json"), new Results(backend.name(), config.dtype(), config.padding(),
                rows, conv.layer(), conv.exact(), conv.points()));
        CsvReport.write(context.file("results.csv"), MethodMeasurement.class, rows);
        CsvReport.write(context.file("convergence.csv"), ConvergencePoint.class, conv.points());

        // The log scale needs positive errors: an error of exactly 0 (converged to rounding) is drawn at 1e-17.
        Plot figure = Plot.line("relative error vs iterations, " + conv.layer() + " (" + config.dtype() + ")",
                "iterations", "|value - exact| / exact").withLogX().withLogY();
        for (String method : List.of("gram", "power")) {
            List<ConvergencePoint> ps = conv.points().stream().filter(p -> p.method().equals(method)).toList();
            figure = figure.withSeries(method, ps.stream().mapToDouble(ConvergencePoint::iterations).toArray(),
                    ps.stream().mapToDouble(p -> Math.max(p.relativeError(), 1e-17)).toArray());
        }
        PlotReport.writePng(context.file("convergence.png"), figure);

        Plot ratios = Plot.scatter("ratio to the exact norm per layer", "layer index", "value / exact").withLogY();
        List<String> layerNames = rows.stream().map(MethodMeasurement::layer).distinct().toList();
        for (String method : rows.stream().map(MethodMeasurement::method).distinct().toList()) {
            List<MethodMeasurement> ms = rows.stream().filter(r -> r.method().equals(method)).toList();
            ratios = ratios.withSeries(method, ms.stream().mapToDouble(r -> layerNames.indexOf(r.layer())).toArray(),
                    ms.stream().mapToDouble(MethodMeasurement::ratioToExact).toArray());
        }
        PlotReport.writePng(context.file("ratios.png"), ratios);

        List<List<String>> table = rows.stream().map(r -> List.of(r.layer(), r.shape(), r.method(), r.kind(),
                fmt("%.6g", r.value()), fmt("%.6f", r.ratioToExact()), fmt("%.4f", r.seconds()))).toList();
        List<List<String>> convTable = conv.points().stream().map(p -> List.of(p.method(),
                Integer.toString(p.iterations()), fmt("%.10g", p.value()), fmt("%.3e", p.relativeError()))).toList();
        new MarkdownReport("gram-iteration: spectral norms of convolutions (" + backend.name() + ")")
                .paragraph("Padding " + config.padding() + ", dtype " + config.dtype() + ". Gram iteration "
                        + config.gramIterations() + " squarings, power iteration " + config.powerIterations()
                        + " steps, spatial Gram " + config.spatialGramIterations() + ", LipBound grid "
                        + config.lipboundGrid() + ", Singla-Feizi " + config.singlaIterations()
                        + ". Kernels N(0, 2/(c_in k^2)) from seed " + context.seed() + "; time: median of "
                        + config.repetitions() + " calls after a warm-up.")
                .section("Ratio to the exact norm and time")
                .table(List.of("layer", "shape", "method", "kind", "value", "value / exact", "seconds"), table)
                .image("ratio to exact per layer", "ratios.png")
                .section("Convergence on " + conv.layer() + " (exact " + fmt("%.10g", conv.exact()) + ")")
                .table(List.of("method", "iterations", "value", "relative error"), convTable)
                .image("relative error vs iterations", "convergence.png")
                .write(context.file("report.md"));
    }

    private static Summary headline(List<MethodMeasurement> rows, Iterable<String> methods, Convergence conv) {
        Summary s = new Summary();
        List<String> all = new ArrayList<>(List.of("exact"));
        methods.forEach(all::add);
        for (String m : all) {
            List<MethodMeasurement> ms = rows.stream().filter(r -> r.method().equals(m)).toList();
            double[] ratios = ms.stream().mapToDouble(MethodMeasurement::ratioToExact).sorted().toArray();
            s.put(key(m) + "_max_ratio", ratios[ratios.length - 1]);
            s.put(key(m) + "_min_ratio", ratios[0]);
            s.put(key(m) + "_median_ratio", ratios[ratios.length / 2]);
            s.put(key(m) + "_seconds", ms.stream().mapToDouble(MethodMeasurement::seconds).sum());
            List<MethodMeasurement> res = ms.stream().filter(r -> r.group().equals("resnet18")).toList();
            if (!res.isEmpty()) {
                // Ratio of products = product of ratios: the network-level looseness of the method.
                s.put("resnet18_" + key(m) + "_product_ratio",
                        res.stream().mapToDouble(MethodMeasurement::ratioToExact).reduce(1, (a, b) -> a * b));
            }
        }
        s.put("layers", rows.stream().map(MethodMeasurement::layer).distinct().count());
        conv.points().stream().filter(p -> p.method().equals("gram")).reduce((a, b) -> b)
                .ifPresent(p -> s.put("convergence_gram_final_relative_error", p.relativeError()));
        conv.points().stream().filter(p -> p.method().equals("power")).reduce((a, b) -> b)
                .ifPresent(p -> s.put("convergence_power_final_relative_error", p.relativeError()));
        return s;
    }

    private static String key(String method) {
        return method.replace('-', '_');
    }

    private static String fmt(String pattern, double v) {
        return String.format(Locale.ROOT, pattern, v);
    }
}
