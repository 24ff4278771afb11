package org.robust4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Shape;

class TransformsTest {

    @Test
    void normalizeSubtractsAndDividesPerChannel() {
        Normalize n = new Normalize(new float[] {0.5f, 1f}, new float[] {0.25f, 2f});
        float[] src = {0f, 1f, 0.5f, 0.75f, /* channel 1 */ 1f, 3f, -1f, 0f};
        float[] dst = new float[8];
        n.apply(src, 0, Shape.of(2, 2, 2), dst, 0, new Generator(0));
        assertThat(dst).containsExactly(-2f, 2f, 0f, 1f, 0f, 1f, -1f, -0.5f);
        assertThat(src[0]).isZero(); // input untouched
        assertThatThrownBy(() -> n.outputShape(Shape.of(3, 2, 2))).hasMessageContaining("2 channels");
        assertThatThrownBy(() -> new Normalize(new float[] {0}, new float[] {0})).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Normalize(new float[] {0, 0}, new float[] {1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normalizeMatchesTheCifarConstants() {
        // torchvision: (x - mean) / std in float32
        float[] mean = {0.4914f, 0.4822f, 0.4465f};
        float[] std = {0.2470f, 0.2435f, 0.2616f};
        float[] src = {1f, 0f, 0.5f};
        float[] dst = new float[3];
        new Normalize(mean, std).apply(src, 0, Shape.of(3, 1, 1), dst, 0, new Generator(0));
        assertThat(dst).containsExactly((1f - 0.4914f) / 0.2470f, (0f - 0.4822f) / 0.2435f, (0.5f - 0.4465f) / 0.2616f);
    }

    @Test
    void randomCropOfAPaddedImageByHand() {
        // One 2x2 channel [[1, 2], [3, 4]], padding 1 → 4x4 with a zero border; a 2x2 window at (top, left).
        float[] img = {1, 2, 3, 4};
        float[][] expectedByOrigin = {
            {0, 0, 0, 1}, {0, 0, 1, 2}, {0, 0, 2, 0},
            {0, 1, 0, 3}, {1, 2, 3, 4}, {2, 0, 4, 0},
            {0, 3, 0, 0}, {3, 4, 0, 0}, {4, 0, 0, 0}};
        RandomCrop crop = new RandomCrop(2, 1);
        Set<Integer> seen = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            Generator replica = new Generator(seed);
            int top = replica.nextInt(3); // the crop draws the row first, then the column, each in [0, 4 - 2]
            int left = replica.nextInt(3);
            float[] dst = new float[4];
            crop.apply(img, 0, Shape.of(1, 2, 2), dst, 0, new Generator(seed));
            assertThat(dst).as("origin (%s, %s)", top, left).containsExactly(expectedByOrigin[top * 3 + left]);
            seen.add(top * 3 + left);
        }
        assertThat(seen).hasSize(9); // every position is reachable
    }

    @Test
    void randomCropMatchesANaivePadThenSlice() {
        int c = 3;
        int h = 5;
        int w = 4;
        int pad = 2;
        int size = 4;
        float[] img = new float[c * h * w];
        for (int i = 0; i < img.length; i++) {
            img[i] = i + 1;
        }
        // Naive reference: materialise the padded image, then slice.
        int ph = h + 2 * pad;
        int pw = w + 2 * pad;
        float[] padded = new float[c * ph * pw];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    padded[(ch * ph + y + pad) * pw + x + pad] = img[(ch * h + y) * w + x];
                }
            }
        }
        RandomCrop crop = new RandomCrop(size, pad);
        assertThat(crop.outputShape(Shape.of(c, h, w))).isEqualTo(Shape.of(c, size, size));
        for (long seed = 0; seed < 50; seed++) {
            Generator replica = new Generator(seed);
            int top = replica.nextInt(ph - size + 1);
            int left = replica.nextInt(pw - size + 1);
            float[] expected = new float[c * size * size];
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        expected[(ch * size + y) * size + x] = padded[(ch * ph + top + y) * pw + left + x];
                    }
                }
            }
            float[] dst = new float[expected.length + 3];
            float[] src = new float[img.length + 5];
            System.arraycopy(img, 0, src, 5, img.length);
            crop.apply(src, 5, Shape.of(c, h, w), dst, 3, new Generator(seed));
            assertThat(java.util.Arrays.copyOfRange(dst, 3, dst.length)).containsExactly(expected);
        }
        assertThatThrownBy(() -> new RandomCrop(9, 0).outputShape(Shape.of(1, 8, 8))).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> crop.outputShape(Shape.of(8, 8))).hasMessageContaining("[C, H, W]");
    }

    @Test
    void horizontalFlipReversesRows() {
        float[] img = {1, 2, 3, 4, 5, 6, /* channel 1 */ 7, 8, 9, 10, 11, 12};
        float[] dst = new float[12];
        new RandomHorizontalFlip(1).apply(img, 0, Shape.of(2, 2, 3), dst, 0, new Generator(0));
        assertThat(dst).containsExactly(3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10);
        new RandomHorizontalFlip(0).apply(img, 0, Shape.of(2, 2, 3), dst, 0, new Generator(0));
        assertThat(dst).containsExactly(img);
        assertThatThrownBy(() -> new RandomHorizontalFlip(1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void horizontalFlipDrawsOneNumberPerSampleAndFlipsAboutHalf() {
        Generator g = new Generator(7);
        Generator replica = new Generator(7);
        RandomHorizontalFlip flip = new RandomHorizontalFlip(0.5);
        int flipped = 0;
        for (int i = 0; i < 1000; i++) {
            float[] dst = new float[2];
            flip.apply(new float[] {1, 2}, 0, Shape.of(1, 1, 2), dst, 0, g);
            boolean expectFlip = replica.nextDouble() < 0.5;
            assertThat(dst[0]).isEqualTo(expectFlip ? 2f : 1f);
            flipped += expectFlip ? 1 : 0;
        }
        assertThat(flipped).isBetween(400, 600);
    }

    @Test
    void applyBatchTransformsEachSampleInTurn() {
        float[] src = {1, 2, 3, 4};
        float[] dst = new float[4];
        new RandomHorizontalFlip(1).applyBatch(src, dst, 2, Shape.of(1, 1, 2), new Generator(0));
        assertThat(dst).containsExactly(2, 1, 4, 3);
    }
}
