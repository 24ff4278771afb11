package org.robust4j.core.reference;

import java.util.concurrent.atomic.AtomicInteger;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BaseNDArray;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * An array of the {@link JavaBackend}: a strided view (offset and strides in elements) over a
 * reference-counted {@link Storage}. Reshape, permute and slice return views, so the kit's
 * strided-input and close-in-any-order tests exercise real sharing.
 */
final class JArray extends BaseNDArray {
    final JavaBackend backend;
    final Storage storage;
    final int offset;
    final int[] strides;

    JArray(JavaBackend backend, Shape shape, DType dtype, Storage storage, int offset, int[] strides) {
        super(shape, dtype, register(backend, storage));
        this.backend = backend;
        this.storage = storage;
        this.offset = offset;
        this.strides = strides;
    }

    /** Counts the new handle and returns its release action, which must not refer to the handle. */
    private static Runnable register(JavaBackend backend, Storage storage) {
        storage.retain();
        backend.liveArrays.incrementAndGet();
        return () -> {
            backend.liveArrays.decrementAndGet();
            storage.release();
        };
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** Row-major strides for {@code shape}. */
    static int[] rowMajor(Shape shape) {
        int[] s = new int[shape.rank()];
        int acc = 1;
        for (int i = s.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape.dim(i);
        }
        return s;
    }

    boolean isContiguous() {
        int[] rm = rowMajor(shape());
        for (int i = 0; i < rm.length; i++) {
            if (shape().dim(i) > 1 && strides[i] != rm[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Shared buffer of one or more views: doubles for floating dtypes, longs for integer ones.
     * Its bytes count as live from creation until the last view is released.
     */
    static final class Storage {
        final double[] f;
        final long[] l;
        private final long bytes;
        private final JavaBackend backend;
        private final AtomicInteger refs = new AtomicInteger();

        Storage(JavaBackend backend, DType dtype, int size) {
            this.backend = backend;
            this.f = dtype.isFloating() ? new double[size] : null;
            this.l = dtype.isFloating() ? null : new long[size];
            this.bytes = (long) size * dtype.bytes();
            backend.liveBytes.addAndGet(bytes);
        }

        void retain() {
            refs.incrementAndGet();
        }

        void release() {
            int left = refs.decrementAndGet();
            if (left == 0) {
                backend.liveBytes.addAndGet(-bytes);
            } else if (left < 0) {
                throw new IllegalStateException("reference backend: storage released more often than retained");
            }
        }
    }
}
