package org.robust4j.spark.data;

import java.io.Serializable;

/**
 * One test item as it travels to an executor: its index in the dataset (which selects its random
 * streams), its label and its features in the dataset's item layout (for example {@code [C, H, W]}
 * flattened). Shipping the features with the task means executors need no shared file system, and
 * Spark can recompute a lost partition from the driver's copy.
 */
public record Item(long index, int label, float[] features) implements Serializable {
    private static final long serialVersionUID = 1L;
}
