package org.robust4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;

/**
 * The FFT streams matrices between native buffers through small host buffers: a transform of a
 * 64 MiB batch allocates a small fraction of that on the Java heap (a copy of the batch in double
 * precision, as the transform once made, would be 256 MiB), and still gives the DFT.
 */
class Nd4jFftHeapTest {

    @Test
    void aLargeBatchIsNotCopiedOntoTheJavaHeap() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counters");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "needs HotSpot's allocation counters");
        try (Nd4jBackend b = new Nd4jBackend(1L << 30); Scope s = Scope.open()) {
            int items = 4096;
            int n = 64;   // [4096, 64, 64] float32 = 64 MiB per part
            float[] host = new float[items * n * n];
            for (int k = 0; k < host.length; k++) {
                host[k] = (k % 7) - 3;
            }
            NDArray re = b.fromFloats(host, Shape.of(items, n, n));
            host = null;
            b.fft(re, null, 2, false);   // warm up: plans, class loading
            long before = threads.getTotalThreadAllocatedBytes();
            NDArray[] f = b.fft(re, null, 2, false);
            long allocated = threads.getTotalThreadAllocatedBytes() - before;
            assertThat(allocated).as("Java heap bytes allocated by one transform of 64 MiB").isLessThan(16L << 20);
            // The DC term of each matrix is the sum of its entries (checked on item 0 and the last).
            float[] out = b.toFloats(b.slice(f[0], new int[] {items - 1, 0, 0}, new int[] {items, 1, 1}, new int[] {1, 1, 1}));
            double sum = 0;
            int base = (items - 1) * n * n;
            for (int k = 0; k < n * n; k++) {
                sum += ((base + k) % 7) - 3;
            }
            assertThat((double) out[0]).isCloseTo(sum, within(1e-3));
            assertThat(b.toFloats(b.slice(f[1], new int[] {items - 1, 0, 0}, new int[] {items, 1, 1}, new int[] {1, 1, 1}))[0])
                    .isCloseTo(0f, within(1e-3f));
        }
    }
}
