package org.robust4j.core.backend;

/** Elementwise functions of two arguments, with NumPy broadcasting. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAX, MIN
}
