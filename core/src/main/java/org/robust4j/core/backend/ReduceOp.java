package org.robust4j.core.backend;

/** Reductions over a set of axes. */
public enum ReduceOp {
    SUM, MEAN, MAX, MIN, PROD
}
