package org.robust4j.attacks.eval;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.attacks.Attack;
import org.robust4j.attacks.AttackResult;
import org.robust4j.attacks.BaseAttack;
import org.robust4j.attacks.Goal;
import org.robust4j.attacks.Logits;
import org.robust4j.attacks.Rows;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.core.util.ProgressListener;

/**
 * Robust accuracy of a model under a list of untargeted attacks: a sample counts as robust when
 * the model classifies it correctly and the attack finds no adversarial example within the
 * budget. As in AutoAttack, only the correctly classified samples are attacked. A minimal-norm
 * attack (Carlini-Wagner, eps = +inf) is counted at a budget given with {@link #at}: a sample is
 * broken when the distance found is within it.
 *
 * <p>The model is used in its current mode (call {@code model.eval()} first); for a randomized
 * model the clean prediction is one draw and the attacks should use EOT. Each batch runs in its
 * own scope.
 */
public final class RobustEvaluation {
    /** An attack and the budget at which it is counted. */
    public record Entry(Attack attack, double eps) {
        public Entry {
            checkArgument(eps >= 0 && !Double.isNaN(eps), "evaluation: eps must be >= 0, got %s", eps);
            if (attack instanceof BaseAttack<?> b) {
                checkArgument(b.goal() == Goal.UNTARGETED,
                        "evaluation: robust accuracy needs untargeted attacks, got a targeted %s", attack.name());
            }
        }
    }

    private final List<Entry> entries;
    private final int batchSize;
    private final ProgressListener progress;

    private RobustEvaluation(List<Entry> entries, int batchSize, ProgressListener progress) {
        checkArgument(batchSize >= 1, "evaluation: batch size must be >= 1, got %s", batchSize);
        this.entries = List.copyOf(entries);
        this.batchSize = batchSize;
        this.progress = checkNotNull(progress, "progress");
    }

    /** The attacks, each counted at its own eps (batches of 128). */
    public static RobustEvaluation of(Attack... attacks) {
        List<Entry> e = new ArrayList<>();
        for (Attack a : attacks) {
            e.add(new Entry(a, a.eps()));
        }
        return new RobustEvaluation(e, 128, ProgressListener.NONE);
    }

    public static RobustEvaluation of(List<Entry> entries) {
        return new RobustEvaluation(entries, 128, ProgressListener.NONE);
    }

    /** One entry: {@code attack} counted at budget {@code eps} (for a minimal-norm attack). */
    public static Entry at(Attack attack, double eps) {
        return new Entry(attack, eps);
    }

    public RobustEvaluation withBatchSize(int n) {
        return new RobustEvaluation(entries, n, progress);
    }

    /** Told the samples done (over all entries) after every batch. */
    public RobustEvaluation withProgress(ProgressListener listener) {
        return new RobustEvaluation(entries, batchSize, listener);
    }

    /** The table: one row per entry. */
    public RobustAccuracyTable evaluate(Module model, Tensor x, Tensor labels, Generator generator) {
        List<RobustAccuracyRow> rows = new ArrayList<>();
        long total = (long) entries.size() * x.dim(0);
        for (int k = 0; k < entries.size(); k++) {
            Entry e = entries.get(k);
            AttackOutcomes o = outcomes(model, x, labels, e, generator, (long) k * x.dim(0), total);
            rows.add(new RobustAccuracyRow(e.attack().name(), e.attack().norm().label(), e.eps(), o.size(),
                    o.cleanAccuracy(), o.robustAccuracy(), o.seconds()));
        }
        return new RobustAccuracyTable(rows);
    }

    /** Per-sample outcomes of one entry over the whole data set {@code x [N, ...]}, labels {@code [N]}. */
    public AttackOutcomes outcomes(Module model, Tensor x, Tensor labels, Entry entry, Generator generator) {
        return outcomes(model, x, labels, entry, generator, 0, x.dim(0));
    }

    private AttackOutcomes outcomes(Module model, Tensor x, Tensor labels, Entry entry, Generator generator,
                                    long doneBefore, long total) {
        int n = x.dim(0);
        checkArgument(labels.rank() == 1 && labels.dim(0) == n, "evaluation: %s labels for %s samples",
                labels.shape(), n);
        long[] label = labels.toLongArray();
        long[] clean = new long[n];
        long[] adv = new long[n];
        boolean[] success = new boolean[n];
        double[] distance = new double[n];
        boolean[] broken = new boolean[n];
        long start = System.nanoTime();
        for (int from = 0; from < n; from += batchSize) {
            int len = Math.min(batchSize, n - from);
            try (Scope s = Scope.open()) {
                Tensor xb = x.narrow(0, from, len);
                Tensor yb = labels.narrow(0, from, len);
                long[] pred;
                try (GradMode.Restore off = Autograd.noGrad()) {
                    pred = Logits.predictions(model.forward(xb));
                }
                boolean[] correct = new boolean[len];
                for (int i = 0; i < len; i++) {
                    clean[from + i] = pred[i];
                    adv[from + i] = pred[i];
                    correct[i] = pred[i] == label[from + i];
                    broken[from + i] = !correct[i];
                }
                int[] attacked = Rows.where(correct, true);
                if (attacked.length > 0) {
                    AttackResult r = entry.attack().run(model, Rows.take(xb, attacked), Rows.take(yb, attacked),
                            generator);
                    for (int k = 0; k < attacked.length; k++) {
                        int i = from + attacked[k];
                        adv[i] = r.predictions()[k];
                        success[i] = r.success()[k];
                        distance[i] = r.distances()[k];
                        broken[i] = r.success()[k] && r.distances()[k] <= entry.eps() * (1 + 1e-6);
                    }
                }
            }
            progress.progress(doneBefore + from + len, total);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new AttackOutcomes(entry.attack().name(), entry.eps(), label, clean, adv, success, distance, broken,
                seconds);
    }
}
