package org.robust4j.spark.exec;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.robust4j.spark.data.Item;
import org.robust4j.spark.io.RecordRows;
import org.robust4j.spark.io.RecordStore;

/**
 * Runs an {@link ItemTask} over items on a Spark cluster: the model is broadcast once, the items
 * are split into contiguous partitions, each partition is one task (retried by Spark when it fails),
 * and the records are appended to a {@link RecordStore}.
 */
public final class SparkRunner {
    private SparkRunner() {}

    /**
     * @param backend the executors' backend, or null for each executor's {@code robust4j.backend}
     * @param partitions how many tasks to split {@code items} into (at most one per item)
     */
    public static <R extends Record> void run(SparkSession spark, ModelBlob model, String backend, ItemTask<R> task,
                                              List<Item> items, int partitions, RecordStore store) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("SparkRunner: partitions must be positive, got " + partitions);
        }
        if (items.isEmpty()) {
            return;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        RecordRows<R> rows = RecordRows.of(task.recordType());
        Broadcast<ModelBlob> shared = jsc.broadcast(model);
        try {
            JavaRDD<Row> records = jsc.parallelize(items, Math.min(partitions, items.size()))
                    .mapPartitions(new PartitionFunction<>(shared, backend, task, rows));
            store.append(spark.createDataFrame(records, rows.schema()));
        } finally {
            shared.destroy();
        }
    }
}
