package org.robust4j.experiments.datasets;

import org.robust4j.core.data.Dataset;

/** A training and a test set, with a sentence saying where they came from (for logs and reports). */
public record DataSplits(String name, Dataset train, Dataset test, String source) {
}
