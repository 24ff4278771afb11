package org.robust4j.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.robust4j.certify.curve.CertificationSummary;
import org.robust4j.certify.curve.CertifiedAccuracyCurve;
import org.robust4j.certify.smoothing.SmoothingParams;
import org.robust4j.core.backend.Backend;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.evaluation.CertificationRun;
import org.robust4j.experiments.evaluation.CertifyMethod;
import org.robust4j.experiments.evaluation.CertifySettings;
import org.robust4j.experiments.evaluation.TestSubset;
import org.robust4j.experiments.models.ModelFile;
import org.robust4j.experiments.report.Progress;
import org.robust4j.experiments.report.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code robust4j certify}: certified robustness of a saved model on the test set, by randomized
 * smoothing (Cohen et al.), the multi-noise certificate, or the Lipschitz margin of the network.
 */
@Command(name = "certify", mixinStandardHelpOptions = true,
        description = "Certify a saved model on the test set; writes records.csv/json (per sample), curve.csv and"
                + " curve.png (certified accuracy against the l2 radius) and summary.json into --out.")
final class CertifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    SavedModelOptions target;

    @Option(names = "--method", paramLabel = "NAME", required = true,
            description = "cohen (randomized smoothing), multi-noise (Cohen plus a probe at --probe-sigma) or lipschitz"
                    + " (margin over the network's Lipschitz bound; --sigma, --n0, --n, --alpha are ignored).")
    String method;

    @Option(names = "--sigma", paramLabel = "S", defaultValue = "0.25", description = "Gaussian noise sd (default: ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--n0", paramLabel = "N0", defaultValue = "100", description = "Selection draws (default: ${DEFAULT-VALUE}).")
    int n0;

    @Option(names = "--n", paramLabel = "N", defaultValue = "10000",
            description = "Estimation draws (default: ${DEFAULT-VALUE}; Cohen et al. use 100000).")
    int n;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.001", description = "Failure probability (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--probe-sigma", paramLabel = "S1", description = "multi-noise: the probe's sd (default: 1.1 x --sigma).")
    Double probeSigma;

    @Option(names = "--probe-n", paramLabel = "N1", description = "multi-noise: the probe's draws (default: --n).")
    Integer probeN;

    @Option(names = "--probe-share", paramLabel = "F", defaultValue = "0.5",
            description = "multi-noise: the part of --alpha spent on the probe (default: ${DEFAULT-VALUE}).")
    double probeShare;

    @Option(names = "--limit", paramLabel = "K", defaultValue = "0", description = "Certify the first K test samples (0: all).")
    int limit;

    @Option(names = "--batch-size", defaultValue = "1000", description = "Noisy copies per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--radii", paramLabel = "R", split = ",",
            description = "Radii of summary.json's certified_accuracy (default: 0,0.25,...,1.5; lipschitz: 36/255,72/255,108/255,1).")
    double[] radii;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        CertifySettings settings;
        DataSplits data;
        try {
            CertifyMethod m = CertifyMethod.parse(method);
            if (limit < 0) {
                throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
            }
            target.checkModelFile();
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a file, not a directory");
            }
            if (radii != null) {
                for (double r : radii) {
                    if (!(r >= 0) || !Double.isFinite(r)) {
                        throw new IllegalArgumentException("--radii must be finite and >= 0, got " + r);
                    }
                }
            }
            SmoothingParams p = new SmoothingParams(n0, n, alpha, batchSize, common.seed());
            settings = new CertifySettings(m, sigma, p, probeSigma != null ? probeSigma : 1.1 * sigma,
                    probeN != null ? probeN : n, probeShare);
            CompositionRoot.checkBackendName(common.backend());
            data = target.loadData();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (Backend backend = CompositionRoot.backend(common.backend())) {
            ModelFile.Loaded loaded = LoadedModels.load(spec, target.modelFile, backend, target.arch, data);
            TestSubset subset = TestSubset.first(data.test(), limit);
            CertificationRun.Result r;
            try (Progress progress = Progress.start("certify " + settings.method().label(), "samples", subset.size())) {
                r = CertificationRun.run(loaded.model(), subset, settings, progress);
            } catch (CertificationRun.NoLipschitzBound e) {
                throw new ParameterException(spec.commandLine(), "--method lipschitz: " + e.getMessage(), e);
            }
            boolean lipschitz = settings.method() == CertifyMethod.LIPSCHITZ;
            double[] at = radii != null ? radii
                    : lipschitz ? CertifiedAccuracyCurve.LIPSCHITZ_RADII : CertifiedAccuracyCurve.SMOOTHING_RADII;
            CertificationRun.write(r, settings.method().label(), out);
            CertificationSummary c = CertificationSummary.of(settings.method().label(), r.records(), at, r.seconds());
            Summary summary = new Summary().put("method", c.method()).put("certified_accuracy", c.certifiedAccuracy())
                    .put("abstain_rate", c.abstainRate()).put("clean_accuracy", c.cleanAccuracy())
                    .put("mean_certified_radius", c.meanCertifiedRadius()).put("samples", c.samples());
            if (lipschitz) {
                summary.put("lipschitz_bound", r.lipschitz().value().getAsDouble()).put("lipschitz_bound_kind",
                        r.lipschitz().kind().label());
            } else {
                summary.put("sigma", sigma).put("n0", n0).put("n", n).put("alpha", alpha).put("batch_size", batchSize);
                if (settings.method() == CertifyMethod.MULTI_NOISE) {
                    summary.put("probe_sigma", settings.probeSigma()).put("probe_n", settings.probeN())
                            .put("probe_share", probeShare);
                }
            }
            summary.put("model", target.modelFile.toString()).put("architecture", loaded.spec().architecture())
                    .put("dataset", data.name()).put("backend", backend.name()).put("seed", common.seed())
                    .put("seconds", c.seconds());
            summary.writeTo(out);
            spec.commandLine().getOut().println(String.format(Locale.ROOT,
                    "%s on %d samples: certified accuracy %s, abstain %.3f (%.1f s)", c.method(), c.samples(),
                    c.certifiedAccuracy(), c.abstainRate(), c.seconds()));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
