package org.robust4j.nd4j;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Native buffers kept for reuse, like PyTorch's caching allocator. Allocating off-heap memory
 * costs about 1 ms for 256 KiB and 17 ms for 4 MiB on this kind of machine (fresh pages fault in
 * one by one), so a training step that allocated every array afresh would spend more time
 * allocating than computing.
 *
 * <p>A buffer is reused for any dtype and shape that fits it, not only the shape it was made
 * for: a request takes the smallest free buffer that holds it, if that is at most
 * {@link #MAX_FIT} times the request's size class. A pool keyed by exact shape, as this one
 * was, reallocated whenever the batch size changed, and the C heap fragmented over the freed sizes until the
 * process held 8 GB for 1 GB of arrays (a loop over 20 batch sizes); reusing across shapes keeps
 * the set of buffers, and so the resident memory, at a plateau. Fresh buffers are rounded up to a
 * size class (eight per doubling, at most 12.5% more) so that a slightly larger request later
 * still fits.
 *
 * <p>The pool holds at most {@code limitBytes} of free buffers; when a released buffer does not
 * fit, the buffers released longest ago are freed first (so a finished workload's buffers make
 * room for the next one's).
 */
final class BufferPool {
    /** A request may take a free buffer up to this many times its size class. */
    static final int MAX_FIT = 2;
    /** The smallest size class: scalars and tiny arrays share 512-byte buffers. */
    static final long MIN_CLASS = 512;

    /** Free buffers by capacity; no deque is ever left empty. */
    private final TreeMap<Long, ArrayDeque<Slab>> free = new TreeMap<>();
    /** Free buffers, oldest release first. */
    private final LinkedHashMap<Slab, Boolean> byAge = new LinkedHashMap<>();
    /** Arrays handed out, with the buffer each lives in. */
    private final IdentityHashMap<INDArray, Slab> lent = new IdentityHashMap<>();
    private final long limitBytes;
    private final Runnable afterFree;
    private long pooledBytes;
    private long allocations;
    private long freedBytes;

    /**
     * @param limitBytes the most bytes of free buffers kept
     * @param afterFree  called (outside no lock) after buffers were freed, with {@link #freedBytes()} updated
     */
    BufferPool(long limitBytes, Runnable afterFree) {
        this.limitBytes = limitBytes;
        this.afterFree = afterFree;
    }

    /** The size class of a request: at least {@link #MIN_CLASS}, else the next of 8 steps per power of two. */
    static long sizeClass(long bytes) {
        if (bytes <= MIN_CLASS) {
            return MIN_CLASS;
        }
        int shift = 63 - Long.numberOfLeadingZeros(bytes - 1) - 3;  // one eighth of the power of two below
        long step = 1L << Math.max(shift, 0);
        return (bytes + step - 1) / step * step;
    }

    /** An array of this dtype and shape over a pooled or fresh buffer. Its contents are arbitrary. */
    INDArray take(DataType type, long[] shape) {
        long bytes = type.width();
        for (long d : shape) {
            bytes *= d;
        }
        long cls = sizeClass(bytes);
        synchronized (this) {
            Slab s = null;
            Map.Entry<Long, ArrayDeque<Slab>> e = free.ceilingEntry(bytes);
            if (e != null && e.getKey() <= MAX_FIT * cls) {
                ArrayDeque<Slab> q = e.getValue();
                s = q.pop();
                if (q.isEmpty()) {
                    free.remove(e.getKey());
                }
                byAge.remove(s);
                pooledBytes -= s.capacity();
            }
            if (s == null) {
                s = Slab.allocate(cls);
                allocations++;
            }
            INDArray a = s.as(type, shape);
            lent.put(a, s);
            return a;
        }
    }

    /** The bytes held for an array this pool lent (its buffer's capacity), or its own size for any other array. */
    synchronized long heldBytes(INDArray a) {
        Slab s = lent.get(a);
        return s != null ? s.capacity() : a.length() * a.dataType().width();
    }

    /**
     * Takes back an array: one this pool lent returns its buffer; an array ND4J allocated itself
     * brings its memory into the pool. Frees the oldest free buffers when the limit is passed.
     */
    void giveBack(INDArray a) {
        boolean freed = false;
        synchronized (this) {
            Slab s = lent.remove(a);
            if (s == null) {
                if (!a.closeable() || a.isView()) {
                    return;   // memory ND4J shares or keeps (constants, views): not ours to pool or free
                }
                s = Slab.adopt(a);
            }
            long b = s.capacity();
            if (b > limitBytes) {
                s.free();
                freedBytes += b;
                freed = true;
            } else {
                Iterator<Slab> oldest = byAge.keySet().iterator();
                while (pooledBytes + b > limitBytes && oldest.hasNext()) {
                    Slab o = oldest.next();
                    oldest.remove();
                    ArrayDeque<Slab> q = free.get(o.capacity());
                    q.remove(o);
                    if (q.isEmpty()) {
                        free.remove(o.capacity());
                    }
                    pooledBytes -= o.capacity();
                    freedBytes += o.capacity();
                    o.free();
                    freed = true;
                }
                free.computeIfAbsent(b, x -> new ArrayDeque<>()).push(s);
                byAge.put(s, Boolean.TRUE);
                pooledBytes += b;
            }
        }
        if (freed) {
            afterFree.run();
        }
    }

    synchronized long pooledBytes() {
        return pooledBytes;
    }

    /** Fresh native allocations so far (a loop that reuses its buffers stops adding to this). */
    synchronized long allocations() {
        return allocations;
    }

    /** Bytes of buffers freed so far (evicted past the limit, or cleared). */
    synchronized long freedBytes() {
        return freedBytes;
    }

    /** Frees every free buffer (lent ones stay with their arrays). */
    void clear() {
        synchronized (this) {
            for (Slab s : byAge.keySet()) {
                freedBytes += s.capacity();
                s.free();
            }
            free.clear();
            byAge.clear();
            pooledBytes = 0;
        }
        afterFree.run();
    }
}
