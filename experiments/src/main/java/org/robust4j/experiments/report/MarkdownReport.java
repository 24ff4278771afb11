package org.robust4j.experiments.report;

import org.robust4j.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A short Markdown report ({@code report.md}): headings, paragraphs, tables and images, built
 * in order and written atomically.
 */
public final class MarkdownReport {
    private final StringBuilder text = new StringBuilder();

    public MarkdownReport(String title) {
        text.append("# ").append(title).append("\n\n");
    }

    /** A level-2 heading. */
    public MarkdownReport section(String heading) {
        text.append("## ").append(heading).append("\n\n");
        return this;
    }

    public MarkdownReport paragraph(String body) {
        text.append(body).append("\n\n");
        return this;
    }

    /** A table; each row has as many cells as there are headers. */
    public MarkdownReport table(List<String> headers, List<? extends List<?>> rows) {
        row(headers);
        text.append('|');
        headers.forEach(h -> text.append(" --- |"));
        text.append('\n');
        for (List<?> r : rows) {
            if (r.size() != headers.size()) {
                throw new IllegalArgumentException("table row " + r + " has " + r.size() + " cells, expected "
                        + headers.size());
            }
            row(r);
        }
        text.append('\n');
        return this;
    }

    /** An image next to the report, by relative path (e.g. a plot in the same directory). */
    public MarkdownReport image(String alt, String relativePath) {
        text.append("![").append(alt).append("](").append(relativePath).append(")\n\n");
        return this;
    }

    private void row(List<?> cells) {
        text.append('|');
        for (Object c : cells) {
            // A pipe would end the cell early; a newline would end the row.
            text.append(' ').append(String.valueOf(c).replace("|", "\\|").replace('\n', ' ')).append(" |");
        }
        text.append('\n');
    }

    /** The report, ending in exactly one newline. */
    public String markdown() {
        return text.toString().stripTrailing() + "\n";
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, markdown());
    }
}
