package org.robust4j.core.tensor;

/**
 * Element types. FLOAT32 is the default everywhere; FLOAT64 is for estimation and certification
 * code that needs the precision. Integer types hold labels and indices. Complex values are a
 * pair of real tensors (re, im), so there is no complex type.
 */
public enum DType {
    FLOAT32(4, true, "F32"),
    FLOAT64(8, true, "F64"),
    INT32(4, false, "I32"),
    INT64(8, false, "I64");

    private final int bytes;
    private final boolean floating;
    private final String safetensorsName;

    DType(int bytes, boolean floating, String safetensorsName) {
        this.bytes = bytes;
        this.floating = floating;
        this.safetensorsName = safetensorsName;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    public boolean isFloating() {
        return floating;
    }

    /** The dtype string the safetensors format uses ({@code F32}, {@code I64}, ...). */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** Parses {@code f32}, {@code float32}, {@code F64}, {@code double}, ... (case-insensitive). */
    public static DType parse(String name) {
        switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "f32": case "float32": case "float": return FLOAT32;
            case "f64": case "float64": case "double": return FLOAT64;
            case "i32": case "int32": case "int": return INT32;
            case "i64": case "int64": case "long": return INT64;
            default:
                throw new IllegalArgumentException("unknown dtype '" + name
                        + "': expected one of f32, f64, i32, i64");
        }
    }
}
