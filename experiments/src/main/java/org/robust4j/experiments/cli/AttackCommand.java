package org.robust4j.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.robust4j.attacks.Attack;
import org.robust4j.attacks.Attacks;
import org.robust4j.attacks.eval.AttackOutcomes;
import org.robust4j.attacks.eval.RobustEvaluation;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.evaluation.AttackSampleRecord;
import org.robust4j.experiments.evaluation.TestSubset;
import org.robust4j.experiments.models.ModelFile;
import org.robust4j.experiments.report.CsvReport;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.Progress;
import org.robust4j.experiments.report.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code robust4j attack}: robust accuracy of a saved model under one attack on the test set.
 * Only correctly classified samples are attacked (AutoAttack's protocol); a minimal-norm attack
 * (C&amp;W) breaks a sample when the distance it finds is within --eps.
 */
@Command(name = "attack", mixinStandardHelpOptions = true,
        description = "Attack a saved model on the test set; writes samples.csv/json (per sample, with the distance"
                + " found) and summary.json (clean_accuracy, robust_accuracy, attack, eps, seconds) into --out.")
final class AttackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    SavedModelOptions target;

    @Option(names = "--attack", paramLabel = "NAME", required = true,
            description = "fgsm, pgd-linf, pgd-l2, cw-l2 or apgd-ce (also fgm-l2, apgd-ce-l2, apgd-dlr).")
    String attack;

    @Option(names = "--eps", paramLabel = "E", required = true,
            description = "Budget in the attack's norm (for cw-l2: the l2 distance within which a sample counts as broken).")
    double eps;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "0",
            description = "Iterations (0: the attack's default: PGD 10, APGD 100, C&W 1000 per constant).")
    int steps;

    @Option(names = "--eot", paramLabel = "N", defaultValue = "1",
            description = "Noise draws per gradient (expectation over transformation) for randomized models (default: 1).")
    int eot;

    @Option(names = "--limit", paramLabel = "K", defaultValue = "0", description = "Attack the first K test samples (0: all).")
    int limit;

    @Option(names = "--batch-size", defaultValue = "128", description = "Samples per attack batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Attack a;
        DataSplits data;
        try {
            if (!(eps >= 0) || !Double.isFinite(eps)) {
                throw new IllegalArgumentException("--eps must be finite and >= 0, got " + eps);
            }
            if (steps < 0 || eot < 1 || limit < 0 || batchSize < 1) {
                throw new IllegalArgumentException("--steps and --limit must be >= 0, --eot and --batch-size >= 1");
            }
            target.checkModelFile();
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("--out " + out + " is a file, not a directory");
            }
            a = Attacks.named(attack, eps, steps, eot);
            CompositionRoot.checkBackendName(common.backend());
            data = target.loadData();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try (Backend backend = CompositionRoot.backend(common.backend())) {
            ModelFile.Loaded loaded = LoadedModels.load(spec, target.modelFile, backend, target.arch, data);
            TestSubset subset = TestSubset.first(data.test(), limit);
            AttackOutcomes o;
            try (Scope s = Scope.open(); Progress progress = Progress.start("attack " + a.name(), "samples", subset.size())) {
                Tensor x = subset.features(backend);
                Tensor y = subset.labelTensor(backend);
                // Counted at --eps: for C&W (a minimal-norm attack) that is where a success counts as broken.
                RobustEvaluation.Entry entry = RobustEvaluation.at(a, eps);
                o = RobustEvaluation.of(List.of(entry)).withBatchSize(batchSize).withProgress(progress)
                        .outcomes(loaded.model(), x, y, entry, new Generator(common.seed()));
            }
            Files.createDirectories(out);
            List<AttackSampleRecord> rows = records(o);
            CsvReport.write(out.resolve("samples.csv"), AttackSampleRecord.class, rows);
            JsonReport.write(out.resolve("samples.json"), rows);
            Summary summary = new Summary().put("attack", a.name()).put("norm", a.norm().label()).put("eps", eps)
                    .put("steps", steps).put("eot", eot).put("samples", o.size())
                    .put("clean_accuracy", o.cleanAccuracy()).put("robust_accuracy", o.robustAccuracy())
                    .put("attack_description", a.toString()).put("model", target.modelFile.toString())
                    .put("architecture", loaded.spec().architecture()).put("dataset", data.name())
                    .put("backend", backend.name()).put("seed", common.seed()).put("seconds", o.seconds());
            summary.writeTo(out);
            spec.commandLine().getOut().println(String.format(Locale.ROOT, "%s eps=%s on %d samples: clean %.4f, robust %.4f (%.1f s)",
                    a.name(), eps, o.size(), o.cleanAccuracy(), o.robustAccuracy(), o.seconds()));
            spec.commandLine().getOut().flush();
        }
        return 0;
    }

    static List<AttackSampleRecord> records(AttackOutcomes o) {
        List<AttackSampleRecord> rows = new ArrayList<>(o.size());
        for (int i = 0; i < o.size(); i++) {
            boolean attacked = o.clean()[i] == o.label()[i];
            rows.add(new AttackSampleRecord(i, (int) o.label()[i], o.clean()[i], o.adversarial()[i], attacked,
                    o.success()[i], o.distance()[i], !o.broken()[i]));
        }
        return rows;
    }
}
