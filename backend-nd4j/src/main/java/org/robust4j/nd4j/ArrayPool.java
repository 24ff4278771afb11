package org.robust4j.nd4j;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Released arrays kept for reuse, keyed by dtype and exact shape. Allocating off-heap memory
 * through ND4J costs about 1 ms for 256 KiB and 17 ms for 4 MiB on this kind of machine (fresh
 * pages fault in one by one), so a training step that allocates the same shapes every
 * iteration would spend more time allocating than computing. Like PyTorch's caching
 * allocator, the pool hands those buffers back instead. It holds at most {@code limitBytes}:
 * when a released buffer does not fit, the buffers released longest ago are freed first (so
 * the shapes of a finished workload make room for the next one's instead of filling the pool
 * for good).
 */
final class ArrayPool {
    private final Map<Key, ArrayDeque<Held>> free = new HashMap<>();
    /** Every pooled buffer, oldest release first. */
    private final LinkedHashMap<Held, Key> byAge = new LinkedHashMap<>();
    private final long limitBytes;
    private long pooledBytes;

    /** A pooled buffer, compared by identity (INDArray.equals compares contents). */
    private static final class Held {
        final INDArray array;

        Held(INDArray array) {
            this.array = array;
        }
    }

    ArrayPool(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** A released array of exactly this dtype and shape, or null. Its contents are arbitrary. */
    synchronized INDArray take(DataType type, long[] shape) {
        ArrayDeque<Held> q = free.get(new Key(type, shape));
        if (q == null || q.isEmpty()) {
            return null;
        }
        Held h = q.pop();
        byAge.remove(h);
        pooledBytes -= bytes(h.array);
        return h.array;
    }

    /** Keeps {@code root} for reuse, freeing the oldest pooled buffers if it does not fit. */
    synchronized void giveBack(INDArray root) {
        long b = bytes(root);
        if (b > limitBytes) {
            root.close();
            return;
        }
        Iterator<Map.Entry<Held, Key>> oldest = byAge.entrySet().iterator();
        while (pooledBytes + b > limitBytes && oldest.hasNext()) {
            Map.Entry<Held, Key> e = oldest.next();
            oldest.remove();
            free.get(e.getValue()).remove(e.getKey());
            pooledBytes -= bytes(e.getKey().array);
            e.getKey().array.close();
        }
        Key k = new Key(root.dataType(), root.shape());
        Held h = new Held(root);
        free.computeIfAbsent(k, x -> new ArrayDeque<>()).push(h);
        byAge.put(h, k);
        pooledBytes += b;
    }

    synchronized long pooledBytes() {
        return pooledBytes;
    }

    /** Frees every pooled buffer. */
    synchronized void clear() {
        for (Held h : byAge.keySet()) {
            h.array.close();
        }
        free.clear();
        byAge.clear();
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
