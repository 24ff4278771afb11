package org.robust4j.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * on the same items, and Spark's fixed cost per task (the same 40 items as one task per item versus
 * two tasks, at local[1]). Each figure is measured in several rounds (the machine may be shared)
 * and reported as its minimum and median. Not a test: run by hand, see spark/README.md.
 *
 * <pre>{@code java <module options> -cp ... org.robust4j.spark.bench.SparkScalingBench MODEL OUT [items] [n] [rounds]}</pre>
 */
public final class SparkScalingBench {
    private SparkScalingBench() {}

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        int items = args.length > 2 ? Integer.parseInt(args[2]) : 120;
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        CertifyMethod m = new CertifyMethod.Smoothing("gaussian", 0.25, 100, n, 0.001, 500, 0);
        Map<String, List<Double>> t = new LinkedHashMap<>();

        Backend backend = Backends.create("nd4j");
        job(model, m, 1000, 8, 1).runLocally(backend); // warm-up (JIT, native libraries), not timed
        List<Record> single = null;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            single = job(model, m, 0, items, 1).runLocally(backend);
            add(t, "single_process_seconds", (System.nanoTime() - t0) / 1e9);

            for (String master : List.of("local[1]", "local[2]")) {
                String key = master.replaceAll("\\W", "");
                SparkSession spark = SparkSession.builder().master(master).appName("bench")
                        .config("spark.ui.enabled", "false").getOrCreate();
                try {
                    job(model, m, 1000, 8, 2).run(spark, out.resolve(round + "-warm-" + key));
                    int parts = master.equals("local[1]") ? 2 : 4;
                    long s0 = System.nanoTime();
                    DistributedCertification.Result r = job(model, m, 0, items, parts).run(spark, out.resolve(round + "-" + key));
                    add(t, key + "_seconds", (System.nanoTime() - s0) / 1e9);
                    if (!r.records().equals(single)) {
                        throw new IllegalStateException(master + " records differ from the single-process run");
                    }
                    if (master.equals("local[1]")) {
                        // The same 40 items as 40 tasks and as 2 tasks on one core: the difference is the per-task cost.
                        long p0 = System.nanoTime();
                        job(model, m, 200, 40, 40).run(spark, out.resolve(round + "-tasks40"));
                        double many = (System.nanoTime() - p0) / 1e9;
                        long q0 = System.nanoTime();
                        job(model, m, 300, 40, 2).run(spark, out.resolve(round + "-tasks2"));
                        double few = (System.nanoTime() - q0) / 1e9;
                        add(t, "overhead_per_task_seconds", (many - few) / 38);
                    }
                } finally {
                    spark.stop();
                }
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("items", items);
        result.put("n", n);
        result.put("rounds", rounds);
        t.forEach((k, v) -> {
            result.put(k + "_min", v.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
            result.put(k + "_median", v.stream().sorted().toList().get(v.size() / 2));
            result.put(k + "_all", v);
        });
        JsonReport.write(out.resolve("scaling.json"), result);
        result.forEach((k, v) -> System.out.println(k + " = " + (v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : v)));
        backend.close();
    }

    private static void add(Map<String, List<Double>> t, String key, double v) {
        t.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
    }

    private static DistributedCertification job(Path model, CertifyMethod m, int start, int count, int partitions) {
        return new DistributedCertification(model, "fashion-mnist-small", null, start, count, m, "nd4j", partitions);
    }
}
