package org.robust4j.core.data;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.Arrays;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Shape;

/**
 * {@code (x - mean[c]) / std[c]} for each channel {@code c} (the first axis of a sample), in
 * float arithmetic as torchvision's {@code Normalize} computes it.
 */
public final class Normalize implements Transform {
    private final float[] mean;
    private final float[] std;

    public Normalize(float[] mean, float[] std) {
        checkArgument(mean.length > 0 && mean.length == std.length,
                "Normalize: %s means for %s standard deviations", mean.length, std.length);
        for (int c = 0; c < std.length; c++) {
            checkArgument(std[c] > 0 && Float.isFinite(std[c]) && Float.isFinite(mean[c]),
                    "Normalize: channel %s needs a finite mean and a positive finite std, got mean %s std %s",
                    c, mean[c], std[c]);
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    @Override
    public Shape outputShape(Shape input) {
        checkArgument(input.rank() >= 1 && input.dim(0) == mean.length,
                "Normalize: %s channels, but samples have shape %s (channels first)", mean.length, input);
        return input;
    }

    @Override
    public void apply(float[] src, int srcOffset, Shape input, float[] dst, int dstOffset, Generator generator) {
        outputShape(input);
        int plane = input.sizeAsInt() / mean.length;
        for (int c = 0; c < mean.length; c++) {
            float m = mean[c];
            float s = std[c];
            int from = c * plane;
            for (int i = from; i < from + plane; i++) {
                dst[dstOffset + i] = (src[srcOffset + i] - m) / s;
            }
        }
    }

    @Override
    public String toString() {
        return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}
