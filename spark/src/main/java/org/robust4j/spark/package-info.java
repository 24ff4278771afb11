/**
 * robust4j on Apache Spark: the same certification, attack evaluation and experiment code as the
 * {@code robust4j} command, with the items of a test set (or the points of a sweep) partitioned
 * over a cluster. The model file is broadcast once; each executor builds it on its own backend
 * ({@code robust4j.backend}); per-item seeds derive from {@code (seed, item index)}, so the records
 * equal a single-machine run's. Records are written as Parquet, and a re-run only computes the
 * items the output lacks.
 */
package org.robust4j.spark;
