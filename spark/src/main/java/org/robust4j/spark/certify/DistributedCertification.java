package org.robust4j.spark.certify;

import static org.robust4j.core.util.Checks.checkArgument;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.robust4j.core.backend.Backend;
import org.robust4j.experiments.report.Summary;
import org.robust4j.spark.data.Item;
import org.robust4j.spark.exec.ItemJob;
import org.robust4j.spark.exec.ItemTask;
import org.robust4j.spark.exec.ResumableJob;

/**
 * Certifies items {@code start .. start + count - 1} of a dataset's test split on a Spark cluster
 * and writes {@code records/} (Parquet, one row per item), {@code summary.json}, the certified-accuracy
 * curve and a report into {@code out}. Items already in {@code out/records} are not certified
 * again, so a run that died resumes where it stopped.
 *
 * @param model a model file written by robust4j (safetensors with its architecture in the metadata)
 * @param dataset a dataset name of {@link org.robust4j.experiments.datasets.Datasets}
 * @param dataDir where the dataset's files are on the driver, or null
 * @param backend the executors' backend, or null for each executor's {@code robust4j.backend}
 * @param partitions how many tasks the items are split into
 */
public record DistributedCertification(Path model, String dataset, Path dataDir, int start, int count,
                                       CertifyMethod method, String backend, int partitions) {

    public DistributedCertification {
        new ItemJob(model, dataset, dataDir, start, count); // validates the range
        checkArgument(partitions > 0, "certification: partitions must be positive, got %s", partitions);
    }

    /** What a run did, with the records of the requested items in index order. */
    public record Result(List<Record> records, int computed, int resumed, double seconds, Summary summary) {}

    /** The method's task, seen as producing plain records (each one is a {@code CertifiedSample}). */
    @SuppressWarnings("unchecked")
    private ItemTask<Record> task(int[] itemShape) {
        return (ItemTask<Record>) method.task(itemShape);
    }

    private ItemJob job() {
        return new ItemJob(model, dataset, dataDir, start, count);
    }

    /** The requested items of the dataset's test split. */
    public List<Item> items() {
        return job().items();
    }

    public Result run(SparkSession spark, Path out) throws IOException {
        long t0 = System.nanoTime();
        ItemJob job = job();
        ResumableJob.Outcome<Record> o = job.run(spark, out, method.parameters(), backend, this::task,
                partitions);
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<Record> records = List.copyOf(o.records());
        Summary summary = CertificationReport.write(out, method.name(), records, method.radii(), seconds,
                job.facts(spark, o, backend, partitions));
        return new Result(records, o.computed(), o.resumed(), seconds, summary);
    }

    /**
     * The single-machine equivalent: the same task over all items in this JVM on {@code backend},
     * without Spark. Same parameters, same records.
     */
    public List<Record> runLocally(Backend backend) throws IOException {
        return job().runLocally(backend, this::task);
    }
}
