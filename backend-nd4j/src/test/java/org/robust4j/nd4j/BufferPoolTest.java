package org.robust4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * The ND4J backend's buffer pool: size classes, reuse of one buffer across shapes and dtypes,
 * arrays over a shared buffer that read and write exactly their own elements, the limit, and a
 * training-like loop over many batch sizes whose allocations stop.
 */
class BufferPoolTest {

    @Test
    void sizeClassesAreEightPerDoublingAndNeverSmallerThanTheRequest() {
        assertThat(BufferPool.sizeClass(1)).isEqualTo(512);
        assertThat(BufferPool.sizeClass(512)).isEqualTo(512);
        assertThat(BufferPool.sizeClass(513)).isEqualTo(576);     // 512 + 512/8
        assertThat(BufferPool.sizeClass(1024)).isEqualTo(1024);
        assertThat(BufferPool.sizeClass(1025)).isEqualTo(1152);
        assertThat(BufferPool.sizeClass(3 << 20)).isEqualTo(3 << 20);
        assertThat(BufferPool.sizeClass((3 << 20) + 1)).isEqualTo((3 << 20) + (1 << 18));
        for (long b = 1; b < 5_000_000; b = b * 3 / 2 + 7) {
            long c = BufferPool.sizeClass(b);
            assertThat(c).as("class of %d", b).isGreaterThanOrEqualTo(b);
            if (b > 512) {
                assertThat((double) c / b).as("waste of %d", b).isLessThanOrEqualTo(1.125);
            }
            assertThat(BufferPool.sizeClass(c)).as("a class is its own class").isEqualTo(c);
        }
    }

    @Test
    void aReleasedBufferServesOtherShapesAndDtypesThatFit() {
        BufferPool pool = new BufferPool(64L << 20, () -> { });
        INDArray a = pool.take(DataType.FLOAT, new long[] {100, 50});          // 20 000 bytes
        pool.giveBack(a);
        assertThat(pool.allocations()).isEqualTo(1);
        INDArray b = pool.take(DataType.FLOAT, new long[] {90, 50});           // smaller: fits
        assertThat(pool.allocations()).isEqualTo(1);
        pool.giveBack(b);
        INDArray c = pool.take(DataType.DOUBLE, new long[] {2000});            // 16 000 bytes, another dtype
        assertThat(pool.allocations()).isEqualTo(1);
        pool.giveBack(c);
        INDArray d = pool.take(DataType.FLOAT, new long[] {40, 50});           // 8 000 bytes: under half, a new buffer
        assertThat(pool.allocations()).isEqualTo(2);
        INDArray e = pool.take(DataType.FLOAT, new long[] {120, 50});          // larger than the free one: new
        assertThat(pool.allocations()).isEqualTo(3);
        pool.giveBack(d);
        pool.giveBack(e);
        pool.clear();
        assertThat(pool.pooledBytes()).isZero();
    }

    @Test
    void anArrayOverASharedBufferHasExactlyItsOwnShapeAndElements() {
        BufferPool pool = new BufferPool(64L << 20, () -> { });
        INDArray big = pool.take(DataType.FLOAT, new long[] {64, 64});
        big.assign(7);
        pool.giveBack(big);
        INDArray small = pool.take(DataType.FLOAT, new long[] {3, 40, 30});
        assertThat(small.shape()).containsExactly(3, 40, 30);
        assertThat(small.length()).isEqualTo(3600);
        assertThat(small.isView()).as("not an ND4J view: ops see a whole buffer").isFalse();
        assertThat(Nd4jBackend.isWholeBuffer(small)).isTrue();
        // Written and read through a native op and element access: values land where expected.
        INDArray ref = Nd4j.arange(3600).castTo(DataType.FLOAT).reshape(3, 40, 30);
        small.assign(ref);
        assertThat(small.getFloat(2, 39, 29)).isEqualTo(3599f);
        assertThat(small.sumNumber().doubleValue()).isEqualTo(3599.0 * 3600 / 2, org.assertj.core.data.Offset.offset(1.0));
        INDArray m = small.reshape(3600 / 30, 30).mmul(Nd4j.ones(DataType.FLOAT, 30, 1));
        assertThat(m.getFloat(0, 0)).isEqualTo(435f);   // 0 + 1 + ... + 29
        pool.giveBack(small);
        INDArray again = pool.take(DataType.FLOAT, new long[] {3, 40, 30});
        assertThat(again).as("the same array object: nothing created on reuse").isSameAs(small);
        pool.giveBack(again);
        pool.clear();
    }

    @Test
    void theLimitFreesTheOldestBuffersAndReportsIt() {
        AtomicInteger frees = new AtomicInteger();
        BufferPool pool = new BufferPool(1 << 20, frees::incrementAndGet);       // 1 MiB
        List<INDArray> held = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            held.add(pool.take(DataType.FLOAT, new long[] {(i % 2 == 0 ? 64 : 128) * 1024}));   // 256 or 512 KiB
        }
        held.forEach(pool::giveBack);
        assertThat(pool.pooledBytes()).isLessThanOrEqualTo(1 << 20);
        assertThat(pool.freedBytes()).isPositive();
        assertThat(frees.get()).isPositive();
        INDArray huge = pool.take(DataType.FLOAT, new long[] {1 << 20});         // 4 MiB: never pooled
        pool.giveBack(huge);
        assertThat(pool.pooledBytes()).isLessThanOrEqualTo(1 << 20);
    }

    @Test
    void anArrayNd4jMadeJoinsThePoolAndAViewOrConstantDoesNot() {
        BufferPool pool = new BufferPool(64L << 20, () -> { });
        INDArray own = Nd4j.createUninitialized(DataType.FLOAT, 1000);
        pool.giveBack(own);
        assertThat(pool.pooledBytes()).isEqualTo(4000);
        INDArray reused = pool.take(DataType.FLOAT, new long[] {10, 100});
        assertThat(pool.allocations()).as("served by the adopted buffer").isZero();
        pool.giveBack(reused);
        INDArray parent = Nd4j.create(DataType.FLOAT, 10, 10);
        pool.giveBack(parent.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5)));
        assertThat(pool.pooledBytes()).as("a view's memory is its parent's").isEqualTo(4000);
        pool.clear();
    }

    /**
     * Twenty batch sizes in turn, under a limit that holds one step's arrays a few times over but
     * not one set per batch size (about 40 MiB): a pool that reused buffers only for the exact
     * shape kept freeing and allocating here, which is what fragmented the C heap.
     */
    @Test
    void aLoopOverTwentyBatchSizesStopsAllocating() {
        try (Nd4jBackend backend = new Nd4jBackend(16L << 20)) {
            Generator g = new Generator(1);
            Tensor w1 = Tensor.randn(backend, g, DType.FLOAT32, 256, 256).requiresGrad(true);
            Tensor w2 = Tensor.randn(backend, g, DType.FLOAT32, 256, 10).requiresGrad(true);
            long afterWarmUp = 0;
            for (int step = 0; step < 200; step++) {
                int batch = 16 + 16 * ((step * 7) % 20);
                try (Scope s = Scope.open()) {
                    Tensor x = Tensor.randn(backend, g, DType.FLOAT32, batch, 256);
                    Tensor loss = x.matmul(w1).relu().matmul(w2).square().mean();
                    loss.backward();
                    w1.zeroGrad();
                    w2.zeroGrad();
                }
                if (step == 99) {
                    afterWarmUp = backend.poolAllocations();
                }
            }
            assertThat(backend.poolAllocations()).as("fresh allocations in the second 100 steps")
                    .isEqualTo(afterWarmUp);
            assertThat(backend.memory().pooledBytes()).isLessThanOrEqualTo(16L << 20);
        }
    }
}
