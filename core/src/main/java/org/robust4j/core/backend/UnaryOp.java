package org.robust4j.core.backend;

/** Elementwise functions of one argument. The result has the input's shape and dtype. */
public enum UnaryOp {
    NEG, ABS, SIGN, EXP, LOG, LOG1P, EXPM1, SQRT, RSQRT, SQUARE, RECIPROCAL,
    TANH, SIGMOID, RELU, SIN, COS, FLOOR, CEIL, ERF
}
