package org.robust4j.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.spark.certify.CertifyMethod;
import org.robust4j.spark.certify.DistributedCertification;

/**
 * Certification throughput: the plain single-process function, then Spark at local[1] and local[2]
 * on the same items, and Spark's fixed cost per task (the same items as one task per item versus
 * two tasks, at local[1]). Not a test: run by hand, see spark/README.md.
 *
 * <pre>{@code java <module options> -cp ... org.robust4j.spark.bench.SparkScalingBench MODEL OUT [items] [n]}</pre>
 */
public final class SparkScalingBench {
    private SparkScalingBench() {}

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        int items = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        CertifyMethod m = new CertifyMethod.Smoothing("gaussian", 0.25, 100, n, 0.001, 500, 0);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("items", items);
        result.put("n", n);

        // Warm-up (JIT, native libraries), not timed.
        Backend backend = Backends.create("nd4j");
        job(model, m, 1000, 8, 1).runLocally(backend);
        long t0 = System.nanoTime();
        List<Record> single = job(model, m, 0, items, 1).runLocally(backend);
        double singleSeconds = (System.nanoTime() - t0) / 1e9;
        result.put("single_process_seconds", singleSeconds);
        result.put("single_process_items_per_second", items / singleSeconds);

        for (String master : List.of("local[1]", "local[2]")) {
            SparkSession spark = SparkSession.builder().master(master).appName("bench").config("spark.ui.enabled", "false")
                    .getOrCreate();
            try {
                job(model, m, 1000, 8, 2).run(spark, out.resolve("warm-" + master.replaceAll("\\W", ""))); // warm-up
                int parts = master.equals("local[1]") ? 2 : 4;
                long s0 = System.nanoTime();
                DistributedCertification.Result r = job(model, m, 0, items, parts).run(spark, out.resolve(master.replaceAll("\\W", "")));
                double s = (System.nanoTime() - s0) / 1e9;
                if (!r.records().equals(single)) {
                    throw new IllegalStateException(master + " records differ from the single-process run");
                }
                String key = master.replace("local[", "local").replace("]", "");
                result.put(key + "_seconds", s);
                result.put(key + "_items_per_second", items / s);
                result.put(key + "_speedup_over_single_process", singleSeconds / s);
                if (master.equals("local[1]")) {
                    // One task per item against two tasks, same items, one core: the difference is the per-task cost.
                    long p0 = System.nanoTime();
                    job(model, m, 200, 40, 40).run(spark, out.resolve("tasks40"));
                    double many = (System.nanoTime() - p0) / 1e9;
                    long q0 = System.nanoTime();
                    job(model, m, 300, 40, 2).run(spark, out.resolve("tasks2"));
                    double few = (System.nanoTime() - q0) / 1e9;
                    result.put("seconds_40_items_in_40_tasks", many);
                    result.put("seconds_40_items_in_2_tasks", few);
                    result.put("overhead_per_task_seconds", (many - few) / 38);
                }
            } finally {
                spark.stop();
            }
        }
        JsonReport.write(out.resolve("scaling.json"), result);
        result.forEach((k, v) -> System.out.println(k + " = " + (v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : v)));
        backend.close();
    }

    private static DistributedCertification job(Path model, CertifyMethod m, int start, int count, int partitions) {
        return new DistributedCertification(model, "fashion-mnist-small", null, start, count, m, "nd4j", partitions);
    }
}
