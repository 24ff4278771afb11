package org.robust4j.nd4j;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.pointers.PagedPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robust4j.core.tensor.Shape;

/**
 * One native allocation of the {@link BufferPool}: an ND4J array that owns {@code capacity}
 * bytes, lent out as an array of whatever dtype and shape fits in it. An array of another shape
 * is a non-owning ND4J buffer over the same memory (so it is not an ND4J "view" and ops treat it
 * as a whole buffer); the last few such arrays are kept, so a loop that lends a slab out as the
 * same shape every step creates nothing.
 */
final class Slab {
    /** Arrays of other shapes kept per slab: enough for a loop's few shapes, small enough to scan. */
    private static final int VIEWS = 8;

    private final INDArray owner;
    private final long capacity;
    private final Map<ViewKey, INDArray> views = new LinkedHashMap<>(16, 0.75f, true);

    private Slab(INDArray owner, long capacity) {
        this.owner = owner;
        this.capacity = capacity;
    }

    /** A fresh allocation of {@code capacity} bytes (contents arbitrary). */
    static Slab allocate(long capacity) {
        return new Slab(Nd4j.createUninitialized(DataType.BYTE, capacity), capacity);
    }

    /** Takes over an array ND4J allocated (a whole, owning buffer): its memory joins the pool. */
    static Slab adopt(INDArray root) {
        return new Slab(root, root.data().length() * root.data().getElementSize());
    }

    long capacity() {
        return capacity;
    }

    /** The slab's memory as a c-order array of {@code type} and {@code shape}, which must fit. */
    INDArray as(DataType type, long[] shape) {
        if (owner.dataType() == type && Arrays.equals(owner.shape(), shape) && owner.ordering() == 'c') {
            return owner;
        }
        ViewKey key = new ViewKey(type, shape);
        INDArray v = views.get(key);
        if (v == null) {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n * type.width() > capacity) {
                throw new IllegalArgumentException("nd4j: " + Arrays.toString(shape) + " " + type + " does not fit a slab of "
                        + capacity + " bytes");
            }
            DataBuffer buffer = Nd4j.createBuffer(new PagedPointer(owner.data().addressPointer(), n), n, type);
            v = Nd4j.create(buffer, shape, Shape.of(shape).strides(), 0, 'c', type);
            views.put(key, v);
            trimViews();
        }
        return v;
    }

    /** Frees the memory; no array this slab lent may be used afterwards. */
    void free() {
        views.values().forEach(INDArray::close);
        views.clear();
        owner.close();
    }

    private void trimViews() {
        Iterator<INDArray> it = views.values().iterator();
        while (views.size() > VIEWS && it.hasNext()) {
            it.next().close();
            it.remove();
        }
    }

    private record ViewKey(DataType type, long[] shape) {
        @Override
        public boolean equals(Object o) {
            return o instanceof ViewKey k && k.type == type && Arrays.equals(k.shape, shape);
        }

        @Override
        public int hashCode() {
            return 31 * type.hashCode() + Arrays.hashCode(shape);
        }
    }
}
