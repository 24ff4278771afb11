package org.robust4j.spark.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.ExperimentRegistry;
import org.robust4j.experiments.registry.ExperimentRun;
import org.robust4j.experiments.report.CsvReport;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.MarkdownReport;
import org.robust4j.experiments.report.Summary;

/**
 * A grid of configurations of a registered experiment, one Spark task per point, gathered into
 * one report: {@code points/point-NNN/} holds each run's own files (as {@code robust4j run} writes
 * them), {@code sweep.csv} one row per point (its overrides, seed and headline numbers),
 * {@code summary.json} and {@code report.md}. A point whose directory already holds the
 * {@code summary.json} of the same config is not run again, so a sweep resumes.
 *
 * @param grid config field (as {@code config.json} names it) to the values it takes
 * @param backend the executors' backend, or null for each executor's {@code robust4j.backend}
 */
public record ExperimentSweep(String experiment, String preset, Map<String, List<Object>> grid, List<Long> seeds,
                              String backend) {

    public ExperimentSweep {
        grid = new LinkedHashMap<>(grid);
        seeds = List.copyOf(seeds);
    }

    /** What a sweep did: each point's summary in point order. */
    public record Result(List<SweepPoint> points, List<Map<String, Object>> summaries, int computed, int resumed,
                         Summary summary) {}

    /** The points, each validated against the experiment's config (so a bad grid fails before Spark starts work). */
    public List<SweepPoint> points() {
        Experiment<?> e = ExperimentRegistry.builtIn().get(experiment);
        ExperimentRun.preset(e, preset);
        List<SweepPoint> points = SweepConfigs.points(grid, seeds);
        points.forEach(p -> SweepConfigs.config(e, preset, p));
        return points;
    }

    public Result run(SparkSession spark, Path out) throws IOException {
        long t0 = System.nanoTime();
        Experiment<?> e = ExperimentRegistry.builtIn().get(experiment);
        List<SweepPoint> points = points();
        Path pointsDir = Files.createDirectories(out.toAbsolutePath().resolve("points"));

        Map<Integer, Map<String, Object>> done = new LinkedHashMap<>();
        List<SweepPoint> todo = new ArrayList<>();
        for (SweepPoint p : points) {
            Map<String, Object> previous = previousSummary(e, pointsDir.resolve(p.dirName()), p);
            if (previous != null) {
                done.put(p.id(), previous);
            } else {
                todo.add(p);
            }
        }
        if (!todo.isEmpty()) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            List<String> results = jsc.parallelize(todo, todo.size())
                    .map(new PointTask(experiment, preset, pointsDir.toString(), backend)).collect();
            for (int i = 0; i < todo.size(); i++) {
                done.put(todo.get(i).id(), readMap(results.get(i)));
            }
        }
        List<Map<String, Object>> summaries = new ArrayList<>();
        for (SweepPoint p : points) {
            summaries.add(done.get(p.id()));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Summary summary = new Summary()
                .put("experiment", experiment)
                .put("preset", preset)
                .put("points", points.size())
                .put("points_computed", todo.size())
                .put("points_resumed", points.size() - todo.size())
                .put("seconds", seconds)
                .put("spark_master", spark.sparkContext().master());
        summary.writeTo(out);
        writeTable(out, points, summaries);
        return new Result(points, summaries, todo.size(), points.size() - todo.size(), summary);
    }

    /** The point's earlier summary when its directory holds one computed with the same config, else null. */
    private <C extends Record> Map<String, Object> previousSummary(Experiment<C> e, Path dir, SweepPoint p)
            throws IOException {
        Path summary = dir.resolve(Summary.FILE_NAME);
        Path config = dir.resolve(ExperimentRun.CONFIG_FILE);
        if (!Files.isRegularFile(summary) || !Files.isRegularFile(config)) {
            return null;
        }
        C expected = SweepConfigs.config(e, preset, p);
        C found = JsonReport.read(config, e.configType());
        Map<String, Object> s = readMap(Files.readString(summary));
        boolean sameSeed = s.get("seed") instanceof Number n && n.longValue() == p.seed();
        return expected.equals(found) && sameSeed ? s : null;
    }

    private static Map<String, Object> readMap(String json) throws IOException {
        return JsonReport.mapper().readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    /** sweep.csv and report.md: one row per point, its overrides, seed and scalar headline numbers. */
    private void writeTable(Path out, List<SweepPoint> points, List<Map<String, Object>> summaries) throws IOException {
        Set<String> columns = new LinkedHashSet<>(List.of("point", "seed"));
        columns.addAll(grid.keySet());
        for (Map<String, Object> s : summaries) {
            s.forEach((k, v) -> {
                if (!(v instanceof Map<?, ?>) && !(v instanceof List<?>) && !grid.containsKey(k)) {
                    columns.add(k);
                }
            });
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            SweepPoint p = points.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("point", p.dirName());
            row.put("seed", p.seed());
            Map<String, Object> overrides = readMap(p.overridesJson());
            overrides.forEach((k, v) -> row.put(k, JsonReport.mapper().valueToTree(v).toString()));
            summaries.get(i).forEach((k, v) -> {
                if (columns.contains(k) && !row.containsKey(k)) {
                    row.put(k, v);
                }
            });
            rows.add(row);
        }
        List<String> cols = List.copyOf(columns);
        CsvReport.writeMaps(out.resolve("sweep.csv"), cols, rows);
        List<List<?>> table = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            List<Object> line = new ArrayList<>();
            cols.forEach(c -> line.add(r.getOrDefault(c, "")));
            table.add(line);
        }
        new MarkdownReport("Sweep of " + experiment + " (preset " + preset + ")")
                .paragraph(points.size() + " points, one Spark task each; each point's own files are in points/.")
                .table(cols, table)
                .write(out.resolve("report.md"));
    }
}
