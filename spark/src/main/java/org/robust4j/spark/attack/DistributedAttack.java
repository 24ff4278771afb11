package org.robust4j.spark.attack;

import static org.robust4j.core.util.Checks.checkArgument;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.io.AtomicFiles;
import org.robust4j.certify.curve.RecordCsv;
import org.robust4j.experiments.report.MarkdownReport;
import org.robust4j.experiments.report.Summary;
import org.robust4j.spark.exec.ItemJob;
import org.robust4j.spark.exec.ItemTask;
import org.robust4j.spark.exec.ResumableJob;

/**
 * Robust accuracy under one attack for items {@code start .. start + count - 1} of a dataset's test
 * split, on a Spark cluster: {@code records/} (Parquet), {@code records.csv}, {@code summary.json}
 * ({@code clean_accuracy}, {@code robust_accuracy}, {@code attack_success_rate}) and {@code report.md}.
 * Resumes like {@link org.robust4j.spark.certify.DistributedCertification}.
 *
 * @param backend the executors' backend, or null for each executor's {@code robust4j.backend}
 */
public record DistributedAttack(Path model, String dataset, Path dataDir, int start, int count, AttackMethod method,
                                String backend, int partitions) {

    public DistributedAttack {
        new ItemJob(model, dataset, dataDir, start, count); // validates the range
        checkArgument(partitions > 0, "attack: partitions must be positive, got %s", partitions);
    }

    public record Result(List<AttackRecord> records, int computed, int resumed, Summary summary) {}

    private ItemJob job() {
        return new ItemJob(model, dataset, dataDir, start, count);
    }

    private ItemTask<AttackRecord> task(int[] itemShape) {
        return new AttackTask(method, itemShape);
    }

    public Result run(SparkSession spark, Path out) throws IOException {
        long t0 = System.nanoTime();
        ItemJob job = job();
        ResumableJob.Outcome<AttackRecord> o = job.run(spark, out, method.parameters(), backend, this::task, partitions);
        double seconds = (System.nanoTime() - t0) / 1e9;

        List<AttackRecord> r = o.records();
        long clean = r.stream().filter(x -> x.clean() == x.label()).count();
        long robust = r.stream().filter(x -> !x.broken()).count();
        long succeeded = r.stream().filter(x -> x.clean() == x.label() && x.broken()).count();
        Summary summary = new Summary()
                .put("attack", method.attack())
                .put("eps", method.eps())
                .put("samples", r.size())
                .put("clean_accuracy", clean / (double) r.size())
                .put("robust_accuracy", robust / (double) r.size())
                .put("attack_success_rate", clean == 0 ? 0.0 : succeeded / (double) clean) // among items attacked
                .put("seconds", seconds);
        job.facts(spark, o, backend, partitions).forEach(summary::put);
        summary.writeTo(out);
        AtomicFiles.writeString(out.resolve("records.csv"), RecordCsv.write(r));
        List<List<?>> rows = new ArrayList<>();
        summary.asMap().forEach((k, v) -> rows.add(List.of(k, v)));
        new MarkdownReport("Attack evaluation on Spark: " + method.attack() + " at eps " + method.eps())
                .table(List.of("key", "value"), rows)
                .paragraph("Per-item records: records/ (Parquet) and records.csv.")
                .write(out.resolve("report.md"));
        return new Result(r, o.computed(), o.resumed(), summary);
    }

    /** The single-machine equivalent: the same per-item attacks in this JVM on {@code backend}. */
    public List<AttackRecord> runLocally(Backend backend) throws IOException {
        return job().runLocally(backend, this::task);
    }
}
