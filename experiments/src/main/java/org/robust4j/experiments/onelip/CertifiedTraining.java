package org.robust4j.experiments.onelip;

import static org.robust4j.core.util.Checks.checkArgument;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robust4j.attacks.AttackResult;
import org.robust4j.attacks.Attacks;
import org.robust4j.attacks.BaseAttack;
import org.robust4j.certify.curve.CertifiedAccuracyCurve;
import org.robust4j.certify.lipschitz.LipschitzMarginCertificate;
import org.robust4j.certify.lipschitz.LipschitzRecord;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.Batch;
import org.robust4j.core.data.DataLoader;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.models.Architectures;
import org.robust4j.experiments.training.TrainOptions;
import org.robust4j.experiments.training.TrainingRun;
import org.robust4j.layers.lipschitz.NetworkBound;
import org.robust4j.layers.lipschitz.NetworkLipschitz;

/**
 * Trains one 1-Lipschitz network by architecture name, certifies the first test images by the
 * Lipschitz margin ({@code margin / (sqrt 2 L)} with the network's certified bound {@code L}),
 * and checks the certificate: PGD-l2 at the smallest reported radius must break none of the
 * images certified at that radius. Shared by {@code sll-certified}, {@code cpl-depth} and
 * {@code lipschitz-layers-compare}.
 */
final class CertifiedTraining {
    static final double[] RADII = CertifiedAccuracyCurve.LIPSCHITZ_RADII;

    private CertifiedTraining() {}

    /** How every model of an experiment is trained and evaluated. */
    record Settings(int trainLimit, int testLimit, int epochs, int batchSize, double lr, int pgdSteps) {
        Settings {
            checkArgument(trainLimit >= 0 && testLimit > 0 && epochs > 0 && batchSize > 0 && lr > 0 && pgdSteps > 0,
                    "1-Lipschitz experiment: limits, epochs, batch size, lr and PGD steps must be positive");
        }
    }

    static CertifiedModel run(Backend backend, OneLipschitzConfig.Model m, DataSplits data, Settings s, Generator g,
                              Path dir) throws IOException {
        String label = m.label();
        String arch = m.arch();
        Map<String, String> options = m.options();
        int depth = m.depth();
        String loss = m.loss() != null ? m.loss() : Architectures.get(arch).defaultLoss();
        TrainOptions o = new TrainOptions(arch, options, data.name(), null, s.epochs(), s.batchSize(), s.lr(), "adam", 0.9,
                0.0, "triangular", loss, s.trainLimit(), g.nextSeed());
        TrainingRun.Result trained = TrainingRun.run(backend, o, data, dir);
        Module model = trained.model();
        model.eval();
        int n = Math.min(s.testLimit(), data.test().size());
        Batch test = DataLoader.builder(data.test().slice(0, n)).batchSize(n).prefetch(false).build().iterator().next();
        try (Scope scope = Scope.open()) {
            Tensor x = test.x(backend);
            NetworkBound bound = NetworkLipschitz.bound(model, data.test().itemShape());
            checkArgument(bound.complete() && bound.kind().boundsFromAbove(),
                    "%s: no certified Lipschitz bound: %s", label, bound.unbounded());
            double lip = bound.value().getAsDouble();
            List<LipschitzRecord> records = new LipschitzMarginCertificate(lip).certify(model, x, test.labels(), 250, 0);
            CertifiedAccuracyCurve curve = new CertifiedAccuracyCurve(records);
            Map<Double, Double> certified = new LinkedHashMap<>();
            for (double r : RADII) {
                certified.put(r, curve.at(r));
            }
            int[] inside = soundnessCheck(model, x, test.labels(), records, RADII[0], s.pgdSteps(), g.fork());
            double testSet = trained.history().get(trained.history().size() - 1).testAccuracy();
            return new CertifiedModel(label, arch, options, loss, model.parameterCount(), depth, testSet, curve.cleanAccuracy(),
                    certified, curve.meanCertifiedRadius(), lip, inside[0], inside[1], trained.seconds());
        }
    }

    /** Images per PGD batch of the soundness check. */
    private static final int CHECK_BATCH = 100;

    /**
     * PGD-l2 at {@code eps} on the images certified at {@code eps}: {attacked, broken}. Attacked in
     * batches of {@link #CHECK_BATCH}: one batch of every certified
     * image of a deep CPL network made the process grow past 24 GB of native memory.
     */
    private static int[] soundnessCheck(Module model, Tensor x, int[] labels, List<LipschitzRecord> records, double eps,
                                        int steps, Generator g) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            LipschitzRecord r = records.get(i);
            if (!r.abstained() && r.prediction() == r.label() && r.radius() >= eps) {
                idx.add(i);
            }
        }
        BaseAttack<?> attack = Attacks.named("pgd-l2", eps, steps, 1);
        int broken = 0;
        for (int from = 0; from < idx.size(); from += CHECK_BATCH) {
            List<Integer> part = idx.subList(from, Math.min(idx.size(), from + CHECK_BATCH));
            try (Scope scope = Scope.open()) {
                long[] y = new long[part.size()];
                List<Tensor> rows = new ArrayList<>();
                for (int k = 0; k < y.length; k++) {
                    y[k] = labels[part.get(k)];
                    rows.add(x.narrow(0, part.get(k), 1));
                }
                AttackResult a = attack.run(model, Tensor.cat(rows, 0), Tensor.ofLongs(x.backend(), y, y.length), g);
                broken += a.successCount();
            }
        }
        return new int[] {idx.size(), broken};
    }
}
