package org.robust4j.spark.certify;

import static org.robust4j.core.util.Checks.checkArgument;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.Dataset;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.experiments.report.Summary;
import org.robust4j.spark.data.Item;
import org.robust4j.spark.data.Items;
import org.robust4j.spark.exec.LocalRunner;
import org.robust4j.spark.exec.ModelBlob;
import org.robust4j.spark.exec.ResumableJob;
import org.robust4j.spark.io.JobManifest;

/**
 * Certifies items {@code start .. start + count - 1} of a dataset's test split on a Spark cluster
 * and writes {@code records/} (Parquet, one row per item), {@code summary.json}, the certified-accuracy
 * curve and a report into {@code out}. Items already in {@code out/records} are not certified
 * again, so a run that died resumes where it stopped.
 *
 * @param model a model file written by robust4j (safetensors with its architecture in the metadata)
 * @param dataset a dataset name of {@link Datasets}
 * @param dataDir where the dataset's files are on the driver, or null
 * @param backend the executors' backend, or null for each executor's {@code robust4j.backend}
 * @param partitions how many tasks the items are split into
 */
public record DistributedCertification(Path model, String dataset, Path dataDir, int start, int count,
                                       CertifyMethod method, String backend, int partitions) {

    public DistributedCertification {
        checkArgument(start >= 0 && count > 0, "certification: need start >= 0 and count > 0, got %s and %s", start, count);
        checkArgument(partitions > 0, "certification: partitions must be positive, got %s", partitions);
    }

    /** What a run did, with the records of the requested items in index order. */
    public record Result(List<Record> records, int computed, int resumed, double seconds, Summary summary) {}

    /** The requested items of the dataset's test split. */
    public List<Item> items() {
        return Items.range(test(), start, count);
    }

    private Dataset test() {
        return Datasets.load(dataset, dataDir).test();
    }

    public Result run(SparkSession spark, Path out) throws IOException {
        long t0 = System.nanoTime();
        Dataset test = test();
        JobManifest.checkModelInput(model, test.itemShape());
        ModelBlob blob = ModelBlob.read(model);
        Map<String, Object> job = new LinkedHashMap<>(method.parameters());
        job.put("dataset", dataset);
        job.put("model_sha256", blob.sha256());
        ResumableJob.Outcome<? extends Record> o = ResumableJob.run(spark, out, job, blob, backend,
                method.task(test.itemShape().toArray()), Items.range(test, start, count), partitions);

        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("items_computed", o.computed());
        extra.put("items_resumed", o.resumed());
        extra.put("partitions", Math.min(partitions, Math.max(1, o.computed())));
        extra.put("spark_master", spark.sparkContext().master());
        extra.put("backend", backend != null ? backend : "robust4j.backend of each executor");
        extra.put("dataset", dataset);
        extra.put("first_index", start);
        List<Record> records = List.copyOf(o.records());
        Summary summary = CertificationReport.write(out, method.name(), records, method.radii(), seconds, extra);
        return new Result(records, o.computed(), o.resumed(), seconds, summary);
    }

    /**
     * The single-machine equivalent: the same task over all items in this JVM on {@code backend},
     * without Spark. Same parameters, same records.
     */
    public List<Record> runLocally(Backend backend) throws IOException {
        Dataset test = test();
        return List.copyOf(LocalRunner.run(ModelBlob.read(model), backend, method.task(test.itemShape().toArray()),
                Items.range(test, start, count)));
    }
}
