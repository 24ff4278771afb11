package org.robust4j.opencl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.MemoryStats;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.backend.ReduceOp;
import org.robust4j.core.backend.UnaryOp;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;

/**
 * Every OpenCL object is released exactly once: closing twice (arrays, buffers, kernels,
 * programs, the backend) is harmless, arrays released after the backend closed do not crash,
 * and many allocate/release cycles leave the device's buffers where they started.
 */
class ResourceReleaseTest {

    @Test
    void closingEverythingTwiceIsHarmless() {
        OpenClBackend b = OpenClTestBackends.create();
        NDArray kept;
        try (Scope s = Scope.open()) {
            NDArray a = b.full(Shape.of(64), DType.FLOAT32, 2);
            NDArray sq = b.unary(UnaryOp.SQUARE, a);
            assertThat(b.toFloats(sq)).containsOnly(4f);
            sq.close();
            sq.close();
            kept = s.keep(b.binary(BinaryOp.ADD, a, a));
        }
        ClBuffer raw = b.workspace(128);
        raw.close();
        raw.close();
        ClKernel k = b.launch("elementwise.cl", b.typeOptions(DType.FLOAT32), "unary_neg").kernel();
        k.close();
        k.close();
        b.close();
        b.close();
        // The array outlived the backend: releasing it now must not touch freed driver objects twice.
        kept.close();
        kept.close();
        assertThatThrownBy(() -> b.full(Shape.of(2), DType.FLOAT32, 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void allocateReleaseCyclesLeaveDeviceMemoryWhereItStarted() {
        try (OpenClBackend b = OpenClTestBackends.create()) {
            Runnable step = () -> {
                try (Scope s = Scope.open()) {
                    NDArray x = b.randomNormal(Shape.of(8, 3, 12, 12), DType.FLOAT32, 0, 1, 1);
                    NDArray w = b.randomNormal(Shape.of(4, 3, 3, 3), DType.FLOAT32, 0, 1, 2);
                    NDArray y = b.conv2d(x, w, Conv2dSpec.of(1, 1));
                    NDArray[] g = b.conv2dBackward(x, w, y, Conv2dSpec.of(1, 1), true, true);
                    NDArray flat = b.reshape(b.permute(y, 0, 2, 3, 1), Shape.of(8 * 144, 4));
                    NDArray m = b.matmul(flat, b.reshape(g[1], Shape.of(4, 27)), false, false);
                    b.reduce(ReduceOp.SUM, m, new int[] {0}, false);
                    b.fft(b.slice(y, new int[4], new int[] {8, 4, 12, 12}, new int[] {1, 1, 1, 1}), null, 2, false);
                    b.concat(List.of(x, g[0]), 1);
                }
            };
            step.run();   // warm up: programs built, the pool holds what one step needs
            MemoryStats before = b.memory();
            long buffersBefore = b.deviceBuffers();
            for (int i = 0; i < 200; i++) {
                step.run();
            }
            b.synchronize();
            MemoryStats after = b.memory();
            assertThat(after.liveArrays()).isEqualTo(before.liveArrays());
            assertThat(after.liveBytes()).isEqualTo(before.liveBytes());
            assertThat(after.pooledBytes()).as("pooled bytes").isEqualTo(before.pooledBytes());
            assertThat(b.deviceBuffers()).as("device buffers after 200 steps").isEqualTo(buffersBefore);
        }
    }

    @Test
    void withoutAPoolReleasedBuffersAreFreedAtOnce() {
        OpenClOptions noPool = OpenClOptions.defaults().withPoolMib(0);
        try (OpenClBackend b = OpenClTestBackends.create(noPool)) {
            long start = b.deviceBuffers();
            for (int i = 0; i < 100; i++) {
                try (Scope s = Scope.open()) {
                    NDArray a = b.full(Shape.of(1000), DType.FLOAT64, i);
                    b.binary(BinaryOp.MUL, a, a);
                }
            }
            assertThat(b.memory().pooledBytes()).isZero();
            assertThat(b.deviceBuffers()).as("buffers alive after 100 released allocations").isEqualTo(start);
        }
    }

    @Test
    void openClErrorsNameTheCallAndTheCode() {
        // Needs no driver: the name comes from JOCL's compile-time constants, not its native library.
        assertThatThrownBy(() -> Cl.call("clFakeCall", () -> -5))
                .isInstanceOf(OpenClException.class)
                .hasMessageContainingAll("clFakeCall", "CL_OUT_OF_RESOURCES", "-5");
    }

    @Test
    void aBadKernelArgumentIsNamedByTheDriver() {
        try (OpenClBackend b = OpenClTestBackends.create()) {
            // A kernel launched over nothing is refused before the driver sees it; a bad argument by the driver.
            Launch l = b.launch("elementwise.cl", b.typeOptions(DType.FLOAT32), "unary_neg");
            assertThatThrownBy(() -> l.i32(0).i32(0).i32(0)).isInstanceOf(OpenClException.class)
                    .hasMessageContaining("clSetKernelArg(unary_neg, 2)");
        }
    }
}
