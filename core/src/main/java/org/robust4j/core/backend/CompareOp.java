package org.robust4j.core.backend;

/** Elementwise comparisons with broadcasting; the result holds 1 where true and 0 where false. */
public enum CompareOp {
    EQ, NE, LT, LE, GT, GE
}
