package org.robust4j.experiments.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.robust4j.certify.Certification;
import org.robust4j.certify.curve.CertifiedAccuracyCurve;
import org.robust4j.certify.curve.CertifiedSample;
import org.robust4j.certify.curve.CurveTable;
import org.robust4j.certify.lipschitz.LipschitzMarginCertificate;
import org.robust4j.certify.multinoise.MultiNoiseCertifier;
import org.robust4j.certify.smoothing.GaussianNoise;
import org.robust4j.certify.smoothing.SmoothedClassifier;
import org.robust4j.core.io.AtomicFiles;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.core.util.ProgressListener;
import org.robust4j.experiments.report.CsvReport;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.Plot;
import org.robust4j.experiments.report.PlotReport;
import org.robust4j.layers.lipschitz.NetworkBound;
import org.robust4j.layers.lipschitz.NetworkLipschitz;

/**
 * Certifies the samples of a {@link TestSubset} with one {@link CertifyMethod} and writes the
 * per-sample records, the certified-accuracy curve and its plot: shared by {@code robust4j certify}
 * and the {@code smoothing-certify} experiment.
 */
public final class CertificationRun {
    /** What a run produced: the records, the wall time, and for {@code lipschitz} the network's bound. */
    public record Result(List<? extends CertifiedSample> records, double seconds, NetworkBound lipschitz) {
        public CertifiedAccuracyCurve curve() {
            return new CertifiedAccuracyCurve(records);
        }
    }

    /** The network has no certified Lipschitz bound: the layers that lack one, or that only have an estimate. */
    public static final class NoLipschitzBound extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NoLipschitzBound(String message) {
            super(message);
        }
    }

    private CertificationRun() {}

    /**
     * The network's certified l2 Lipschitz bound for inputs of shape {@code input}, or
     * {@link NoLipschitzBound} naming the layers that have no bound (or only an estimate from below).
     */
    public static NetworkBound lipschitzBound(Module model, Shape input) {
        NetworkBound b = NetworkLipschitz.bound(model, input);
        if (!b.complete()) {
            throw new NoLipschitzBound("no Lipschitz bound for layer(s) " + b.unbounded().stream()
                    .map(l -> l.path() + " " + l.layer() + " (" + l.reason() + ")").collect(Collectors.joining(", ")));
        }
        List<NetworkBound.LayerBound> estimates = b.layers().stream()
                .filter(l -> !l.bound().kind().boundsFromAbove()).toList();
        if (!estimates.isEmpty()) {
            throw new NoLipschitzBound("only an estimate from below, not a bound, for layer(s) " + estimates.stream()
                    .map(l -> l.path() + " " + l.layer()).collect(Collectors.joining(", ")));
        }
        return b;
    }

    /** Certifies every sample of {@code subset}; {@code model} must be in evaluation mode. */
    public static Result run(Module model, TestSubset subset, CertifySettings s) {
        return run(model, subset, s, ProgressListener.NONE);
    }

    /** {@link #run(Module, TestSubset, CertifySettings)}, telling {@code progress} the samples done. */
    public static Result run(Module model, TestSubset subset, CertifySettings s, ProgressListener progress) {
        try (Scope scope = Scope.open()) {
            Tensor x = subset.features(model.parameters().get(0).value().backend());
            int[] labels = subset.labels();
            return switch (s.method()) {
                case COHEN -> from(Certification.run(new SmoothedClassifier(model, new GaussianNoise(s.sigma()))
                        .certifier(s.smoothing()), x, labels, 0, progress));
                case MULTI_NOISE -> from(Certification.run(new MultiNoiseCertifier(model, s.sigma(), s.probeSigma(), s.probeN(),
                        s.probeShare()).certifier(s.smoothing()), x, labels, 0, progress));
                case LIPSCHITZ -> {
                    NetworkBound bound = lipschitzBound(model, subset.samples().itemShape());
                    long t0 = System.nanoTime();
                    LipschitzMarginCertificate c = new LipschitzMarginCertificate(bound.value().getAsDouble());
                    List<? extends CertifiedSample> records = c.certify(model, x, labels, s.smoothing().batchSize(), 0);
                    progress.progress(labels.length, labels.length);
                    yield new Result(records, (System.nanoTime() - t0) / 1e9, bound);
                }
            };
        }
    }

    private static Result from(Certification.Run<? extends CertifiedSample> run) {
        return new Result(run.records(), run.seconds(), null);
    }

    /** records.csv, records.json, curve.csv (the whole step curve) and curve.png into {@code out}. */
    @SuppressWarnings("unchecked")
    public static void write(Result r, String title, Path out) throws IOException {
        Files.createDirectories(out);
        // Jackson for both files, so that CSV columns and JSON keys have the same snake_case names.
        List<Record> rows = (List<Record>) (List<?>) r.records();
        CsvReport.write(out.resolve("records.csv"), (Class<Record>) rows.get(0).getClass(), rows);
        JsonReport.write(out.resolve("records.json"), r.records());
        List<CertifiedAccuracyCurve.Point> steps = r.curve().steps();
        AtomicFiles.writeString(out.resolve("curve.csv"), CurveTable.csv(steps));
        PlotReport.writePng(out.resolve("curve.png"), curvePlot(title).withSeries(title, stepX(steps), stepY(steps)));
    }

    /** An empty certified-accuracy plot to add curves to. */
    public static Plot curvePlot(String title) {
        return Plot.line("Certified accuracy: " + title, "l2 radius", "certified accuracy");
    }

    /**
     * The x values of a step curve drawn as steps: the accuracy at radius {@code r_i} holds up to
     * {@code r_i} and drops right after it to the next point's value (to 0 after the last).
     */
    public static double[] stepX(List<CertifiedAccuracyCurve.Point> steps) {
        double[] x = new double[2 * steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            x[2 * i] = steps.get(i).radius();
            x[2 * i + 1] = steps.get(i).radius();
        }
        return x;
    }

    /** The y values matching {@link #stepX}. */
    public static double[] stepY(List<CertifiedAccuracyCurve.Point> steps) {
        double[] y = new double[2 * steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            y[2 * i] = steps.get(i).certifiedAccuracy();
            y[2 * i + 1] = i + 1 < steps.size() ? steps.get(i + 1).certifiedAccuracy() : 0.0;
        }
        return y;
    }
}
