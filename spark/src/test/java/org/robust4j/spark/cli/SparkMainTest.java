package org.robust4j.spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.spark.support.TestFixtures;
import picocli.CommandLine;

class SparkMainTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SparkMain.newCommandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void certifyOnLocal2WritesTheSummaryAndPrintsIt(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("cert");
        Run r = run("certify", "--master", "local[2]", "--model", TestFixtures.model().toString(), "--dataset",
                "fashion-mnist-small", "--count", "16", "--n0", "10", "-n", "50", "--alpha", "0.01", "--batch-size", "50",
                "--backend", "nd4j", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = JsonReport.mapper().readValue(out.resolve("summary.json").toFile(), Map.class);
        assertThat(summary).containsEntry("samples", 16).containsEntry("method", "smoothing")
                .containsEntry("partitions", 8); // 4 per core of local[2]
        assertThat(r.out()).contains("\"certified_accuracy\"");
    }

    @Test
    void attackAndSweepRunOnLocal2(@TempDir Path dir) throws IOException {
        Run a = run("attack", "--master", "local[2]", "--model", TestFixtures.model().toString(), "--dataset",
                "fashion-mnist-small", "--count", "8", "--attack", "fgsm", "--eps", "0.05", "--out",
                dir.resolve("atk").toString(), "--partitions", "2");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(dir.resolve("atk/summary.json")).isNotEmptyFile();

        Run s = run("sweep", "backend-check", "--master", "local[2]", "--preset", "tiny", "--grid", "repetitions=[1,2]",
                "--seeds", "1,2", "--out", dir.resolve("sweep").toString());
        assertThat(s.code()).as(s.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("sweep/sweep.csv"))).hasSize(5);
    }

    @Test
    void badInputExitsTwoWithOneLine(@TempDir Path dir) {
        Run missingModel = run("certify", "--master", "local[2]", "--model", dir.resolve("nope.safetensors").toString(),
                "--out", dir.resolve("o").toString());
        assertThat(missingModel.code()).isEqualTo(2);
        assertThat(missingModel.err()).contains("nope.safetensors does not exist").hasLineCount(1);

        Run noMaster = run("certify", "--model", TestFixtures.model().toString(), "--out", dir.resolve("o").toString());
        assertThat(noMaster.code()).isEqualTo(2);
        assertThat(noMaster.err()).contains("no Spark master");

        Run badBackend = run("attack", "--master", "local[2]", "--model", TestFixtures.model().toString(), "--eps", "0.1",
                "--backend", "cuda", "--out", dir.resolve("o").toString());
        assertThat(badBackend.code()).isEqualTo(2);
        assertThat(badBackend.err()).contains("cuda").contains("nd4j");

        Run badGrid = run("sweep", "backend-check", "--master", "local[2]", "--grid", "repetitions=1,2", "--out",
                dir.resolve("o").toString());
        assertThat(badGrid.code()).isEqualTo(2);
        assertThat(badGrid.err()).contains("not a JSON array");

        Run noCommand = run();
        assertThat(noCommand.code()).isEqualTo(2);
        assertThat(noCommand.err()).contains("missing command");
    }
}
