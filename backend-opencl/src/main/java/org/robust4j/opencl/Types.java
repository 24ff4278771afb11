package org.robust4j.opencl;

import org.robust4j.core.tensor.DType;

/** OpenCL C names of the dtypes and the build options that select them. */
final class Types {
    private Types() {}

    static String cName(DType t) {
        return switch (t) {
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            case INT32 -> "int";
            case INT64 -> "long";
        };
    }

    /**
     * Options compiling a source for element type {@code t}: {@code T}, {@code T_FLOAT} for
     * floating types, the fp64 pragma where doubles appear, and the type integer arrays compute
     * transcendental functions in.
     */
    static String options(DType t, boolean deviceHasFp64) {
        StringBuilder sb = new StringBuilder("-DT=").append(cName(t));
        if (t.isFloating()) {
            sb.append(t == DType.FLOAT64 ? " -DT_FLOAT -DT_DOUBLE" : " -DT_FLOAT");
        } else {
            sb.append(" -DMATH_T=").append(deviceHasFp64 ? "double" : "float");
        }
        if (t == DType.FLOAT64 || (!t.isFloating() && deviceHasFp64)) {
            sb.append(" -DUSE_FP64");
        }
        return sb.toString();
    }

    /** The {@code CONV_MODE} of {@code convert.cl} that converts {@code from} to {@code to} as Java casts do. */
    static int conversionMode(DType from, DType to) {
        if (from == to || (!from.isFloating() && !to.isFloating())) {
            return 0;
        }
        return to.isFloating() ? 2 : 1;
    }
}
