package org.robust4j.spark.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.robust4j.spark.data.Item;
import org.robust4j.spark.data.Items;
import org.robust4j.spark.io.JobManifest;
import org.robust4j.spark.io.RecordRows;
import org.robust4j.spark.io.RecordStore;

/**
 * The shape every per-item job shares: check that {@code out} holds records of the same job (or
 * none), compute the items {@code out/records} lacks on the cluster, and read back the records of
 * the requested items in index order.
 */
public final class ResumableJob {
    public static final String RECORDS_DIR = "records";

    private ResumableJob() {}

    /** The requested items' records, and how many were computed now and found from an earlier run. */
    public record Outcome<R extends Record>(List<R> records, int computed, int resumed) {}

    /**
     * @param job every parameter that changes the records (written to {@code job.json}; a re-run
     *            with other values is refused)
     */
    public static <R extends Record> Outcome<R> run(SparkSession spark, Path out, Map<String, Object> job, ModelBlob model,
                                                    String backend, ItemTask<R> task, List<Item> items, int partitions)
            throws IOException {
        Files.createDirectories(out);
        JobManifest.writeOrCheck(out, job);
        RecordStore store = new RecordStore(out.resolve(RECORDS_DIR));
        store.cleanStaleStaging();
        List<Item> todo = Items.missing(items, store.storedIndices(spark));
        SparkRunner.run(spark, model, backend, task, todo, partitions, store);

        Set<Long> wanted = new HashSet<>();
        items.forEach(it -> wanted.add(it.index()));
        List<R> records = store.readAll(spark, RecordRows.of(task.recordType())).stream()
                .filter(r -> wanted.contains(RecordStore.index(r))).toList();
        if (records.size() != items.size()) {
            throw new IllegalStateException(records.size() + " records for " + items.size() + " items in " + store.dir());
        }
        return new Outcome<>(records, todo.size(), items.size() - todo.size());
    }
}
