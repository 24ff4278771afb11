package org.robust4j.benchmarks.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.util.ResidentMemory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The robust4j side of {@code benchmarks/compare.sh}: {@code list} the rows, {@code prepare} the
 * fixtures both sides read, or {@code run} one row and write its JSON. One row per process, so each
 * row's peak resident memory is its own.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, subcommands = {
    CompareMain.ListRows.class, CompareMain.Prepare.class, CompareMain.RunRow.class},
        description = "robust4j side of benchmarks/compare.sh")
public final class CompareMain implements Callable<Integer> {
    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return 2;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new CompareMain()).execute(args));
    }

    @Command(name = "list", description = "Prints every row: name, unit, higher-is-better, description (tab-separated).")
    static final class ListRows implements Callable<Integer> {
        @Override
        public Integer call() {
            for (Row r : Rows.all()) {
                System.out.println(r.name() + "\t" + r.unit() + "\t" + r.higherIsBetter() + "\t" + r.description());
            }
            return 0;
        }
    }

    @Command(name = "prepare", description = "Writes the fixtures (trained small CNN, test images, kernels) into DIR.")
    static final class Prepare implements Callable<Integer> {
        @Parameters(paramLabel = "DIR")
        Path dir;

        @Override
        public Integer call() throws Exception {
            try (Backend b = Backends.create("nd4j")) {
                double acc = FixturePreparation.write(b, dir);
                System.err.printf("fixtures in %s; the small CNN classifies %.1f%% of the test images right%n", dir,
                        100 * acc);
            }
            return 0;
        }
    }

    @Command(name = "run", description = "Runs one row and writes its result as JSON.")
    static final class RunRow implements Callable<Integer> {
        @Option(names = "--row", required = true)
        String row;

        @Option(names = "--quick", description = "Smaller sizes and fewer samples.")
        boolean quick;

        @Option(names = "--backend", defaultValue = "nd4j")
        String backend;

        @Option(names = "--fixtures", paramLabel = "DIR")
        Path fixtures;

        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path out;

        @Override
        public Integer call() throws Exception {
            Row r;
            try {
                r = Rows.get(row);
            } catch (IllegalArgumentException e) {
                System.err.println("compare: " + e.getMessage());
                return 2;
            }
            if (fixtures != null && !Fixtures.complete(fixtures)) {
                System.err.println("compare: " + fixtures + " holds no complete fixtures; write them with 'prepare DIR'");
                return 2;
            }
            RowResult result;
            Map<String, Object> meta = new LinkedHashMap<>();
            try (Backend b = Backends.create(backend)) {
                meta.put("backend", b.name());
                meta.put("backend_info", b.info());
                result = r.run(Bench.of(b, fixtures, quick));
            }
            meta.put("java", System.getProperty("java.version"));
            meta.put("omp_num_threads", System.getenv("OMP_NUM_THREADS"));
            meta.put("available_processors", Runtime.getRuntime().availableProcessors());
            meta.put("time_utc", Instant.now().toString());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("row", r.name());
            json.put("side", "robust4j");
            json.put("unit", r.unit());
            json.put("higher_is_better", r.higherIsBetter());
            json.put("value", result.value());
            json.put("quick", quick);
            json.put("description", r.description());
            json.put("params", result.params());
            json.put("time", result.timing().toMap());
            json.put("check", result.check());
            json.put("peak_rss_mib", ResidentMemory.peakMib());
            json.put("meta", meta);
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            Files.createDirectories(out.toAbsolutePath().getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), json);
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return 0;
        }
    }
}
