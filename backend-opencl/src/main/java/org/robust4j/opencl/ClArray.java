package org.robust4j.opencl;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BaseNDArray;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * A handle on a strided window of a {@link Storage}: element {@code (i0, i1, ...)} lives at
 * {@code offset + i0*strides[0] + i1*strides[1] + ...} (in elements). Reshape, permute and slice
 * return new handles on the same storage; kernels read such views directly through their strides.
 */
final class ClArray extends BaseNDArray {
    private final OpenClBackend backend;
    private final Storage storage;
    final int offset;
    final int[] strides;

    ClArray(OpenClBackend backend, Shape shape, DType dtype, Storage storage, int offset, int[] strides) {
        this(backend, shape, dtype, storage, offset, strides, retained(storage));
    }

    private ClArray(OpenClBackend backend, Shape shape, DType dtype, Storage storage, int offset, int[] strides,
                    Storage retained) {
        // The release action refers to the storage only, never to this handle (so the cleaner can collect it).
        super(shape, dtype, retained::release);
        this.backend = backend;
        this.storage = storage;
        this.offset = offset;
        this.strides = strides;
    }

    private static Storage retained(Storage s) {
        s.retain();
        return s;
    }

    Storage storage() {
        return storage;
    }

    /** The device buffer, checking that this handle is still open. */
    ClBuffer buffer(String op) {
        checkOpen(op);
        return storage.buffer();
    }

    /** True when the elements lie densely in row-major order from {@code offset}. */
    boolean isContiguous() {
        return Strides.isContiguous(shape(), strides);
    }

    @Override
    public Backend backend() {
        return backend;
    }
}
