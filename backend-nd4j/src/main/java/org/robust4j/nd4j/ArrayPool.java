package org.robust4j.nd4j;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Released arrays kept for reuse, keyed by dtype and exact shape. Allocating off-heap memory
 * through ND4J costs about 1 ms for 256 KiB and 17 ms for 4 MiB on this kind of machine (fresh
 * pages fault in one by one), so a training step that allocates the same shapes every
 * iteration would spend more time allocating than computing. Like PyTorch's caching
 * allocator, the pool hands those buffers back instead. It holds at most {@code limitBytes};
 * beyond that, released buffers are freed at once.
 */
final class ArrayPool {
    private final Map<Key, ArrayDeque<INDArray>> free = new HashMap<>();
    private final long limitBytes;
    private long pooledBytes;

    ArrayPool(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** A released array of exactly this dtype and shape, or null. Its contents are arbitrary. */
    synchronized INDArray take(DataType type, long[] shape) {
        ArrayDeque<INDArray> q = free.get(new Key(type, shape));
        if (q == null || q.isEmpty()) {
            return null;
        }
        INDArray a = q.pop();
        pooledBytes -= bytes(a);
        return a;
    }

    /** Keeps {@code root} for reuse, or frees it when the pool is full. */
    synchronized void giveBack(INDArray root) {
        long b = bytes(root);
        if (pooledBytes + b > limitBytes) {
            root.close();
            return;
        }
        free.computeIfAbsent(new Key(root.dataType(), root.shape()), k -> new ArrayDeque<>()).push(root);
        pooledBytes += b;
    }

    synchronized long pooledBytes() {
        return pooledBytes;
    }

    /** Frees every pooled buffer. */
    synchronized void clear() {
        for (ArrayDeque<INDArray> q : free.values()) {
            for (INDArray a : q) {
                a.close();
            }
        }
        free.clear();
        pooledBytes = 0;
    }

    static long bytes(INDArray a) {
        return a.length() * a.dataType().width();
    }

    private static final class Key {
        private final DataType type;
        private final long[] shape;
        private final int hash;

        Key(DataType type, long[] shape) {
            this.type = type;
            this.shape = shape;
            this.hash = 31 * type.hashCode() + Arrays.hashCode(shape);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.type == type && Arrays.equals(k.shape, shape);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
