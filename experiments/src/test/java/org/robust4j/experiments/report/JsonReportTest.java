package org.robust4j.experiments.report;

import org.robust4j.core.io.AtomicFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportTest {
    @TempDir
    Path dir;

    record Row(String opName, double medianMs, List<Integer> sizes) {
    }

    @Test
    void recordsAreWrittenWithSnakeCaseKeysAndReadBack() throws IOException {
        Path file = dir.resolve("results.json");
        Row row = new Row("matmul", 1.5, List.of(64, 256));
        JsonReport.write(file, row);

        JsonNode tree = JsonReport.mapper().readTree(file.toFile());
        assertThat(tree.get("op_name").asText()).isEqualTo("matmul");
        assertThat(tree.get("median_ms").asDouble()).isEqualTo(1.5);
        assertThat(JsonReport.read(file, Row.class)).isEqualTo(row);
    }

    @Test
    void mapKeysAreKeptAsTheyAre() throws IOException {
        Path file = dir.resolve("m.json");
        JsonReport.write(file, Map.of("0.25", 0.5));
        assertThat(JsonReport.mapper().readTree(file.toFile()).get("0.25").asDouble()).isEqualTo(0.5);
    }

    @Test
    void aValueThatCannotBeSerialisedLeavesTheOldFileUntouched() throws IOException {
        Path file = dir.resolve("results.json");
        JsonReport.write(file, Map.of("ok", true));
        assertThatThrownBy(() -> JsonReport.write(file, Map.of("bad", new Object()))).isInstanceOf(IOException.class);
        assertThat(JsonReport.mapper().readTree(file.toFile()).get("ok").asBoolean()).isTrue();
        assertThat(DirectoryEntries.of(dir)).containsExactly("results.json");
    }
}
