package org.robust4j.experiments.report;

import org.robust4j.core.io.AtomicFiles;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReportTest {
    @TempDir
    Path dir;

    record Row(String opName, String shape, double medianMs) {
    }

    @Test
    void recordsBecomeSnakeCaseColumnsInDeclarationOrderAndParseBack() throws IOException {
        Path file = dir.resolve("results.csv");
        CsvReport.write(file, Row.class, List.of(new Row("matmul", "[2,2]x[2,2]", 0.5),
                new Row("conv \"quoted\"", "a,b", 2.0)));

        assertThat(Files.readAllLines(file).get(0)).isEqualTo("op_name,shape,median_ms");
        List<Map<String, String>> rows = read(file);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("op_name", "matmul").containsEntry("shape", "[2,2]x[2,2]")
                .containsEntry("median_ms", "0.5");
        assertThat(rows.get(1)).containsEntry("op_name", "conv \"quoted\"").containsEntry("shape", "a,b");
        assertThat(DirectoryEntries.of(dir)).containsExactly("results.csv");
    }

    @Test
    void mapsAreWrittenUnderTheGivenColumns() throws IOException {
        Path file = dir.resolve("curve.csv");
        Map<String, Object> r1 = new LinkedHashMap<>();
        r1.put("radius", 0.25);
        r1.put("certified_accuracy", 0.8);
        CsvReport.writeMaps(file, List.of("radius", "certified_accuracy"), List.of(r1));
        assertThat(read(file)).containsExactly(Map.of("radius", "0.25", "certified_accuracy", "0.8"));
    }

    private static List<Map<String, String>> read(Path file) throws IOException {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return it.readAll();
        }
    }
}
