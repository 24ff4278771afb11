package org.robust4j.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BaseNDArray;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/** A handle on an ND4J array (possibly a view) and the storage it shares. */
final class Nd4jArray extends BaseNDArray {
    private final Nd4jBackend backend;
    private final INDArray array;
    private final Storage storage;

    Nd4jArray(Nd4jBackend backend, INDArray array, Storage storage) {
        this(backend, array, storage, retained(storage));
    }

    private Nd4jArray(Nd4jBackend backend, INDArray array, Storage storage, Storage retained) {
        super(Shape.of(array.shape()), dtype(array.dataType()), retained::release);
        this.backend = backend;
        this.array = array;
        this.storage = storage;
    }

    private static Storage retained(Storage s) {
        s.retain();
        return s;
    }

    INDArray array() {
        checkOpen("nd4j");
        return array;
    }

    Storage storage() {
        return storage;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    static DType dtype(DataType t) {
        return switch (t) {
            case FLOAT -> DType.FLOAT32;
            case DOUBLE -> DType.FLOAT64;
            case INT -> DType.INT32;
            case LONG -> DType.INT64;
            default -> throw new IllegalArgumentException("nd4j: unsupported ND4J data type " + t);
        };
    }

    static DataType dataType(DType t) {
        return switch (t) {
            case FLOAT32 -> DataType.FLOAT;
            case FLOAT64 -> DataType.DOUBLE;
            case INT32 -> DataType.INT;
            case INT64 -> DataType.LONG;
        };
    }
}
