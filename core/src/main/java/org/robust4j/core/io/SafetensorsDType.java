package org.robust4j.core.io;

import java.util.Optional;
import org.robust4j.core.tensor.DType;

/**
 * The element types a safetensors header may name, in the reference implementation's order of
 * increasing alignment (its writer puts tensors of larger types first, and so does ours). Each
 * knows its size, so a header can be validated even for types robust4j does not load.
 */
public enum SafetensorsDType {
    BOOL(1, ElementCodec.BOOL),
    U8(1, ElementCodec.U8),
    I8(1, ElementCodec.I8),
    F8_E5M2(1, null),
    F8_E4M3(1, null),
    F8_E8M0(1, null),
    I16(2, ElementCodec.I16),
    U16(2, ElementCodec.U16),
    F16(2, ElementCodec.F16),
    BF16(2, ElementCodec.BF16),
    I32(4, ElementCodec.I32),
    U32(4, ElementCodec.U32),
    F32(4, ElementCodec.F32),
    C64(8, null),
    F64(8, ElementCodec.F64),
    I64(8, ElementCodec.I64),
    U64(8, null);

    private final int bytes;
    private final ElementCodec codec;

    SafetensorsDType(int bytes, ElementCodec codec) {
        this.bytes = bytes;
        this.codec = codec;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /**
     * The dtype a tensor of this type loads as (F16 and BF16 widen to FLOAT32, 8- and 16-bit
     * integers and BOOL to INT32, U32 to INT64), or empty when robust4j cannot load it
     * (8-bit floats, complex, U64, which may not fit in INT64).
     */
    public Optional<DType> loadsAs() {
        return codec == null ? Optional.empty() : Optional.of(codec.target());
    }

    /** The type a robust4j dtype is written as. */
    public static SafetensorsDType of(DType dtype) {
        return valueOf(dtype.safetensorsName());
    }

    /** The type named {@code name} in a header (exact, case-sensitive, as the format requires). */
    public static Optional<SafetensorsDType> parse(String name) {
        for (SafetensorsDType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    ElementCodec codec() {
        return codec;
    }
}
