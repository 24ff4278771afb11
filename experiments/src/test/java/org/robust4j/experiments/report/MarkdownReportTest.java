package org.robust4j.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {
    @TempDir
    Path dir;

    @Test
    void buildsHeadingsTablesAndImagesInOrder() throws IOException {
        MarkdownReport r = new MarkdownReport("Run").section("Results").paragraph("Two rows.")
                .table(List.of("op", "ms"), List.of(List.of("a|b", 1.5), List.of("c", 2)))
                .image("plot", "plot.png");
        Path file = dir.resolve("report.md");
        r.write(file);
        assertThat(file).hasContent("""
                # Run

                ## Results

                Two rows.

                | op | ms |
                | --- | --- |
                | a\\|b | 1.5 |
                | c | 2 |

                ![plot](plot.png)
                """);
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> new MarkdownReport("t").table(List.of("a", "b"), List.of(List.of(1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
