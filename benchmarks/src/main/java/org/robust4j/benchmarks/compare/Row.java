package org.robust4j.benchmarks.compare;

/**
 * One line of the comparison table: a workload that robust4j and the PyTorch peer
 * ({@code benchmarks/peer/suite.py}) run with the same shapes and parameters.
 */
abstract class Row {
    private final String name;
    private final String unit;
    private final boolean higherIsBetter;
    private final String description;

    /**
     * @param unit what {@link RowResult#value()} counts, e.g. {@code samples/s} or {@code ms}
     * @param description one line for the table's legend
     */
    Row(String name, String unit, boolean higherIsBetter, String description) {
        this.name = name;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.description = description;
    }

    final String name() {
        return name;
    }

    final String unit() {
        return unit;
    }

    final boolean higherIsBetter() {
        return higherIsBetter;
    }

    final String description() {
        return description;
    }

    abstract RowResult run(Bench bench) throws Exception;
}
