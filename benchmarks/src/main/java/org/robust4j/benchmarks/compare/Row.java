package org.robust4j.benchmarks.compare;

/**
 * One line of the comparison table: a workload that robust4j and the PyTorch peer
 * ({@code benchmarks/peer/suite.py}) run with the same shapes and parameters.
 */
interface Row {
    String name();

    /** What {@link RowResult#value()} counts, e.g. {@code samples/s} or {@code ms}. */
    String unit();

    boolean higherIsBetter();

    /** One line for the table's legend. */
    String description();

    RowResult run(Bench bench) throws Exception;
}
