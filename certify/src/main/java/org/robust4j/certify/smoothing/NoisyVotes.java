package org.robust4j.certify.smoothing;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * SAMPLEUNDERNOISE of Cohen et al.: how often the base classifier's argmax lands on each class
 * over {@code num} noisy copies of one input. Copies are processed in batches, each inside its
 * own {@link Scope}, so only the per-class counts survive a batch; nothing is recorded for
 * autograd. Noisy inputs are not clipped (clipping would change the smoothing distribution).
 */
public final class NoisyVotes {
    private NoisyVotes() {}

    /**
     * Class counts of {@code argmax model(x + noise)} over {@code num} draws.
     *
     * @param x one input without a batch axis (for example {@code [C, H, W]})
     * @param rng the stream the batches' seeds come from (one seed per batch)
     */
    public static long[] count(Module model, Tensor x, NoiseDistribution noise, int num, int batchSize, Generator rng) {
        checkArgument(num >= 0 && batchSize > 0, "NoisyVotes: need num >= 0 and a positive batch size, got %s and %s",
                num, batchSize);
        long[] counts = new long[0];
        int remaining = num;
        while (remaining > 0) {
            int b = Math.min(batchSize, remaining);
            long[] predictions = predictBatch(model, x, noise, b, rng.nextSeed());
            for (long p : predictions) {
                if (p >= counts.length) {
                    counts = java.util.Arrays.copyOf(counts, (int) p + 1);
                }
                counts[(int) p]++;
            }
            remaining -= b;
        }
        return counts;
    }

    /** Predicted classes of {@code b} noisy copies of {@code x}, drawn from {@code seed}. */
    static long[] predictBatch(Module model, Tensor x, NoiseDistribution noise, int b, long seed) {
        try (Scope scope = Scope.open(); GradMode.Restore noGrad = Autograd.noGrad()) {
            Shape shape = Shape.of(b).append(x.shape().toArray());
            Tensor noisy = noise.sample(x.backend(), x.dtype(), shape, seed);
            noisy.applyInPlace(BinaryOp.ADD, x);          // x broadcasts over the batch axis
            Tensor logits = model.forward(noisy);
            checkArgument(logits.rank() == 2 && logits.dim(0) == b,
                    "NoisyVotes: the model should map [%s, ...] to logits [%s, classes], got %s", b, b, logits.shape());
            return logits.argMax(1).toLongArray();
        }
    }

    /** Pads {@code counts} with zeros to at least {@code length} classes. */
    static long[] padded(long[] counts, int length) {
        return counts.length >= length ? counts : java.util.Arrays.copyOf(counts, length);
    }

    /** Index of the largest count (the first on ties). */
    public static int argMax(long[] counts) {
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return best;
    }
}
