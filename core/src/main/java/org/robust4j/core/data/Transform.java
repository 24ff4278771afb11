package org.robust4j.core.data;

import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Shape;

/**
 * A host-side transformation of samples (normalisation, augmentation): a pure function of the
 * input values and the generator it is given, so the same generator state gives the same
 * output on any thread. A {@link DataLoader} gives each batch its own generator, derived from
 * (seed, epoch, batch index).
 */
public interface Transform {

    /** Shape of a sample after this transform, given its shape before. */
    default Shape outputShape(Shape input) {
        return input;
    }

    /**
     * Transforms one sample of shape {@code input} read from {@code src[srcOffset..]} and writes
     * {@code outputShape(input)} values to {@code dst[dstOffset..]}. {@code src} and {@code dst}
     * are different arrays; {@code src} must not be changed.
     */
    void apply(float[] src, int srcOffset, Shape input, float[] dst, int dstOffset, Generator generator);

    /**
     * Transforms {@code count} samples laid back to back. By default, each in turn with the same
     * generator; a transform overrides this to work on the whole batch at once.
     */
    default void applyBatch(float[] src, float[] dst, int count, Shape input, Generator generator) {
        int in = input.sizeAsInt();
        int out = outputShape(input).sizeAsInt();
        for (int i = 0; i < count; i++) {
            apply(src, i * in, input, dst, i * out, generator);
        }
    }
}
