package org.robust4j.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.util.ResidentMemory;

class SummaryTest {
    @TempDir
    Path dir;

    @Test
    void writesOneJsonObjectInInsertionOrder() throws IOException {
        Path file = new Summary().put("backend", "nd4j").put("matmul_1024_gflops", 42.5)
                .put("certified_accuracy", Map.of("0.5", 0.7)).put("seconds", 1.25).writeTo(dir);
        assertThat(file.getFileName().toString()).isEqualTo("summary.json");
        JsonNode json = JsonReport.mapper().readTree(file.toFile());
        assertThat(json.fieldNames()).toIterable()
                .startsWith("backend", "matmul_1024_gflops", "certified_accuracy", "seconds");
        assertThat(json.get("certified_accuracy").get("0.5").asDouble()).isEqualTo(0.7);
    }

    @Test
    void recordsThePeakResidentMemoryUnlessTheRunPutItsOwn() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux's /proc");
        JsonNode added = JsonReport.mapper().readTree(new Summary().put("seconds", 1.0).writeTo(Files.createDirectories(dir.resolve("a"))).toFile());
        assertThat(added.fieldNames()).toIterable().containsExactly("seconds", "peak_rss_mib");
        assertThat(added.get("peak_rss_mib").asLong()).isEqualTo(ResidentMemory.peakMib());
        JsonNode own = JsonReport.mapper().readTree(new Summary().put("peak_rss_mib", 7).writeTo(Files.createDirectories(dir.resolve("b"))).toFile());
        assertThat(own.get("peak_rss_mib").asLong()).isEqualTo(7);
    }

    @Test
    void rejectsKeysThatAreNotSnakeCaseAndNumbersJsonCannotHold() {
        Summary s = new Summary();
        for (String bad : new String[] {"Seconds", "matmulGflops", "conv2d-fwd", "_x", "x__y", "1x", ""}) {
            assertThatThrownBy(() -> s.put(bad, 1)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> s.put("loss", Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> s.put("loss", Float.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.put("loss", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.asMap()).isEmpty();
    }
}
