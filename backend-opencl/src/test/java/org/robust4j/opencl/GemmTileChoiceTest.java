package org.robust4j.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robust4j.core.tensor.DType;

/**
 * Which tiling the matrix products take on devices this machine does not have: an H100-like GPU
 * (132 compute units, 1024 work-items and 48 KiB per group) and PoCL on two cores. Pure
 * arithmetic on the device's limits, no OpenCL needed.
 */
class GemmTileChoiceTest {
    private static final List<GemmTile> H100 = GemmKernels.usable(DType.FLOAT32, true, 1024, 48 << 10);
    private static final List<GemmTile> H100_F64 = GemmKernels.usable(DType.FLOAT64, true, 1024, 48 << 10);
    private static final List<GemmTile> POCL = GemmKernels.usable(DType.FLOAT32, false, 4096, 512 << 10);

    private static String choice(List<GemmTile> usable, int units, int m, int n, int batch) {
        return GemmKernels.choose(usable, units, m, n, batch).toString();
    }

    @Test
    void gpuTakesLargeTilesForLargeProducts() {
        assertThat(choice(H100, 132, 2048, 2048, 1)).isEqualTo("128x128x16/8x8");
        assertThat(choice(H100, 132, 4096, 4096, 1)).isEqualTo("128x128x16/8x8");
        // 1024^2 in 128 x 128 tiles would leave half the compute units idle.
        assertThat(choice(H100, 132, 1024, 1024, 1)).isIn("128x64x16/8x4", "64x128x16/4x8");
    }

    @Test
    void gpuFitsSkinnyAndBatchedProducts() {
        // conv2d forward of [128,16,28,28] * [32,16,3,3]: 32 x 784 per image, 128 images
        assertThat(choice(H100, 132, 32, 784, 128)).isEqualTo("32x128x16/4x8");
        // the complex Gram step: 1024 products of 64 x 64
        assertThat(choice(H100, 132, 64, 64, 1024)).isEqualTo("64x64x16/4x4");
        assertThat(choice(H100, 132, 5, 7, 1)).isEqualTo("8x8x8/2x2");
    }

    @Test
    void gpuTilesKeepManyWorkItemsAndFewDoubleRegisters() {
        assertThat(H100).allMatch(t -> t.threads() >= 64 || t.tsm() * t.tsn() <= 256);
        assertThat(H100).noneMatch(t -> t.toString().equals("64x64x16/8x8"));
        assertThat(H100_F64).allMatch(t -> t.wptm() * t.wptn() <= 32);
        assertThat(GemmKernels.usable(DType.FLOAT32, true, 128, 16 << 10)).allMatch(t -> t.threads() <= 128
                && t.localBytes(4) <= 16 << 10);
    }

    @Test
    void cpuDevicesUseFewWorkItemsWithLargeBlocks() {
        assertThat(POCL).allMatch(t -> t.threads() <= 64);
        assertThat(choice(POCL, 2, 1024, 1024, 1)).isEqualTo("64x64x16/8x8");
        assertThat(choice(POCL, 2, 64, 64, 1024)).isEqualTo("64x64x16/8x8");
    }
}
