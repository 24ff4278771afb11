package org.robust4j.spark.exec;

import static org.robust4j.core.util.Checks.checkArgument;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.Dataset;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.spark.data.Item;
import org.robust4j.spark.data.Items;
import org.robust4j.spark.io.JobManifest;

/**
 * A model file and items {@code start .. start + count - 1} of a dataset's test split: what
 * distributed certification and attack evaluation share. Runs a per-item task on them on Spark
 * (resumably, see {@link ResumableJob}) or in this JVM.
 *
 * @param model a model file written by robust4j (safetensors with its architecture in the metadata)
 * @param dataset a dataset name of {@link Datasets}
 * @param dataDir where the dataset's files are on the driver, or null
 */
public record ItemJob(Path model, String dataset, Path dataDir, int start, int count) {

    public ItemJob {
        checkArgument(start >= 0 && count > 0, "items: need start >= 0 and count > 0, got %s and %s", start, count);
    }

    public Dataset test() {
        return Datasets.load(dataset, dataDir).test();
    }

    public List<Item> items() {
        return Items.range(test(), start, count);
    }

    /**
     * Runs {@code task} (made for the dataset's item shape) on the items Spark has not stored in
     * {@code out} yet.
     *
     * @param parameters what changes the records besides the model and dataset (for {@code job.json})
     * @param backend the executors' backend, or null for each executor's {@code robust4j.backend}
     */
    public <R extends Record> ResumableJob.Outcome<R> run(SparkSession spark, Path out, Map<String, Object> parameters,
                                                          String backend, Function<int[], ItemTask<R>> task,
                                                          int partitions) throws IOException {
        Dataset test = test();
        JobManifest.checkModelInput(model, test.itemShape());
        ModelBlob blob = ModelBlob.read(model);
        Map<String, Object> job = new LinkedHashMap<>(parameters);
        job.put("dataset", dataset);
        job.put("model_sha256", blob.sha256());
        return ResumableJob.run(spark, out, job, blob, backend, task.apply(test.itemShape().toArray()),
                Items.range(test, start, count), partitions);
    }

    /** The single-machine equivalent: the same task over all items in this JVM on {@code backend}. */
    public <R extends Record> List<R> runLocally(Backend backend, Function<int[], ItemTask<R>> task) throws IOException {
        Dataset test = test();
        return LocalRunner.run(ModelBlob.read(model), backend, task.apply(test.itemShape().toArray()),
                Items.range(test, start, count));
    }

    /** The facts of a run that {@code summary.json} reports besides the results. */
    public Map<String, Object> facts(SparkSession spark, ResumableJob.Outcome<?> o, String backend, int partitions) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items_computed", o.computed());
        m.put("items_resumed", o.resumed());
        m.put("partitions", Math.min(partitions, Math.max(1, o.computed())));
        m.put("spark_master", spark.sparkContext().master());
        m.put("backend", backend != null ? backend : "robust4j.backend of each executor");
        m.put("dataset", dataset);
        m.put("first_index", start);
        return m;
    }
}
