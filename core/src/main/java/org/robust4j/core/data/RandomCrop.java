package org.robust4j.core.data;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.Arrays;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Shape;

/**
 * Pads a {@code [C, H, W]} sample with {@code padding} zeros on every side, then cuts a
 * {@code size x size} window at a uniformly random position, as torchvision's
 * {@code RandomCrop(size, padding=padding)} does (e.g. {@code RandomCrop(32, 4)} for CIFAR-10).
 * Draws the top row, then the left column, from the generator.
 */
public final class RandomCrop implements Transform {
    private final int size;
    private final int padding;

    public RandomCrop(int size, int padding) {
        checkArgument(size > 0, "RandomCrop: size must be positive, got %s", size);
        checkArgument(padding >= 0, "RandomCrop: padding must be non-negative, got %s", padding);
        this.size = size;
        this.padding = padding;
    }

    @Override
    public Shape outputShape(Shape input) {
        checkArgument(input.rank() == 3, "RandomCrop: samples must be [C, H, W], got %s", input);
        checkArgument(input.dim(1) + 2 * padding >= size && input.dim(2) + 2 * padding >= size,
                "RandomCrop: a %sx%s crop does not fit in %s padded by %s", size, size, input, padding);
        return Shape.of(input.dim(0), size, size);
    }

    @Override
    public void apply(float[] src, int srcOffset, Shape input, float[] dst, int dstOffset, Generator generator) {
        outputShape(input);
        int channels = input.dim(0);
        int h = input.dim(1);
        int w = input.dim(2);
        // Window origin in padded coordinates, as torch.randint(0, H + 2p - size + 1).
        int top = generator.nextInt(h + 2 * padding - size + 1);
        int left = generator.nextInt(w + 2 * padding - size + 1);
        for (int c = 0; c < channels; c++) {
            int srcPlane = srcOffset + c * h * w;
            int dstPlane = dstOffset + c * size * size;
            for (int y = 0; y < size; y++) {
                int sy = top + y - padding; // row in the unpadded image
                int dstRow = dstPlane + y * size;
                if (sy < 0 || sy >= h) {
                    Arrays.fill(dst, dstRow, dstRow + size, 0f);
                    continue;
                }
                for (int x = 0; x < size; x++) {
                    int sx = left + x - padding;
                    dst[dstRow + x] = sx >= 0 && sx < w ? src[srcPlane + sy * w + sx] : 0f;
                }
            }
        }
    }

    @Override
    public String toString() {
        return "RandomCrop(" + size + ", padding=" + padding + ")";
    }
}
