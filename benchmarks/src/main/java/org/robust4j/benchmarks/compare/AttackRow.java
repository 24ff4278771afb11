package org.robust4j.benchmarks.compare;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.robust4j.attacks.Attack;
import org.robust4j.attacks.AttackResult;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * An attack on the fixtures' trained small CNN: one call attacks the first 256 ({@code --quick}) or
 * 500 test images in batches of 128 with their true labels; images/s = images / seconds per call.
 * The check is the robust accuracy (images still classified correctly), which the peer's run of the
 * same attack should match up to its random start.
 */
final class AttackRow extends Row {
    static final int BATCH = 128;

    private final Attack attack;
    private final Map<String, Object> params;

    AttackRow(String name, String description, Attack attack, Map<String, Object> params) {
        super(name, "images/s", true, description);
        this.attack = attack;
        this.params = params;
    }

    private static int images(boolean quick) {
        return quick ? 256 : 500;
    }

    @Override
    RowResult run(Bench bench) throws Exception {
        Backend b = bench.backend();
        Fixtures f = bench.requireFixtures();
        Module model = bench.trainedCnn();
        int n = images(bench.quick());
        float[] all = f.floats("images");
        int[] labels = Arrays.copyOf(f.ints("labels"), n);
        int batches = (n + BATCH - 1) / BATCH;
        Tensor[] xs = new Tensor[batches];
        Tensor[] ys = new Tensor[batches];
        for (int i = 0; i < batches; i++) {
            int from = i * BATCH;
            int to = Math.min(n, from + BATCH);
            float[] v = Arrays.copyOfRange(all, from * 784, to * 784);
            int[] l = Arrays.copyOfRange(labels, from, to);
            xs[i] = Scope.untracked(() -> Tensor.of(b, v, to - from, 1, 28, 28));
            ys[i] = Scope.untracked(() -> Tensor.ofInts(b, l, to - from));
        }
        long[] predictions = new long[n];
        double[] maxDistance = {0};
        Generator g = new Generator(20240601L + 23);
        GatedTimer.Timing t = bench.timer().time(() -> {
            for (int i = 0; i < batches; i++) {
                try (Scope s = Scope.open()) {
                    AttackResult r = attack.run(model, xs[i], ys[i], g);
                    System.arraycopy(r.predictions(), 0, predictions, i * BATCH, r.predictions().length);
                    for (double d : r.distances()) {
                        maxDistance[0] = Math.max(maxDistance[0], d);
                    }
                }
            }
        });
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("clean_accuracy", cleanAccuracy(model, xs, labels));
        check.put("robust_accuracy", accuracy(predictions, labels));
        check.put("max_perturbation", maxDistance[0]);
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.put("images", n);
        p.put("batch", BATCH);
        return RowResult.rate(n, t, p, check);
    }

    private static double cleanAccuracy(Module model, Tensor[] xs, int[] labels) {
        long[] pred = new long[labels.length];
        try (GradMode.Restore off = Autograd.noGrad()) {
            for (int i = 0; i < xs.length; i++) {
                try (Scope s = Scope.open()) {
                    long[] p = model.forward(xs[i]).argMax(1).toLongArray();
                    System.arraycopy(p, 0, pred, i * BATCH, p.length);
                }
            }
        }
        return accuracy(pred, labels);
    }

    private static double accuracy(long[] predictions, int[] labels) {
        int ok = 0;
        for (int i = 0; i < labels.length; i++) {
            ok += predictions[i] == labels[i] ? 1 : 0;
        }
        return (double) ok / labels.length;
    }
}
