package org.robust4j.core.data;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Shape;

/**
 * Mirrors a sample left to right (reverses its last axis) with probability {@code p}. Draws
 * exactly one number per sample, flipped or not, so the generator's stream does not depend on
 * the outcome.
 */
public final class RandomHorizontalFlip implements Transform {
    private final double p;

    public RandomHorizontalFlip(double p) {
        checkArgument(p >= 0 && p <= 1, "RandomHorizontalFlip: p must be in [0, 1], got %s", p);
        this.p = p;
    }

    @Override
    public Shape outputShape(Shape input) {
        checkArgument(input.rank() >= 1, "RandomHorizontalFlip: samples need at least one axis, got %s", input);
        return input;
    }

    @Override
    public void apply(float[] src, int srcOffset, Shape input, float[] dst, int dstOffset, Generator generator) {
        outputShape(input);
        boolean flip = generator.nextDouble() < p;
        int n = input.sizeAsInt();
        if (!flip || n == 0) {
            System.arraycopy(src, srcOffset, dst, dstOffset, n);
            return;
        }
        int w = input.dim(-1);
        for (int row = 0; row < n; row += w) {
            for (int x = 0; x < w; x++) {
                dst[dstOffset + row + x] = src[srcOffset + row + w - 1 - x];
            }
        }
    }

    @Override
    public String toString() {
        return "RandomHorizontalFlip(" + p + ")";
    }
}
