package org.robust4j.experiments.reproduce;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.util.ResidentMemory;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.MarkdownReport;
import org.robust4j.experiments.report.Summary;

/**
 * {@code REPORT.md} of {@code run all}: the machine, backend, seed and wall time; an overview of
 * every experiment; then per experiment its paper and its own {@code report.md} (which puts our
 * numbers next to the published ones), with headings demoted and image links rewritten to its
 * directory, and the configuration it ran with.
 */
public final class ReproductionReport {
    public static final String FILE = "REPORT.md";
    private static final List<String> OWN_MARKDOWN = List.of("report.md", "table.md");
    private static final Pattern LOCAL_IMAGE = Pattern.compile("!\\[([^\\]]*)\\]\\((?!https?:|/)([^)]+)\\)");

    private ReproductionReport() {}

    static Path write(Path out, Scale scale, Backend backend, long seed, List<Outcome> outcomes, double seconds)
            throws IOException {
        MarkdownReport md = new MarkdownReport("robust4j reproduction report");
        long peak = ResidentMemory.peakMib();
        md.paragraph(String.format(Locale.ROOT, "Scale `%s`, backend `%s`, seed %d, %s, %.0f s in all%s (%s).",
                scale.label(), backend.name(), seed, machine(), seconds,
                peak >= 0 ? ", peak resident memory " + peak + " MiB" : "", Instant.now()));
        md.paragraph("Numbers are at laptop scale unless the scale is `full`: fewer epochs and samples than the papers, "
                + "so they show the same effects at smaller magnitudes. Each section quotes the published numbers "
                + "with their source.");
        List<List<?>> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            Object rss = o.summary().get(Summary.PEAK_RSS_MIB);
            rows.add(List.of(o.experiment(), Papers.of(o.experiment()).map(Paper::shortName).orElse("(engineering)"),
                    o.status(), o.preset(), String.format(Locale.ROOT, "%.0f", o.seconds()), rss == null ? "" : rss));
        }
        md.table(List.of("experiment", "paper", "status", "preset", "seconds", "peak MiB"), rows);
        md.paragraph("Papers of DESIGN.md's table and the sections below that reproduce them (the Spark module is"
                + " engineering, with no paper):");
        List<List<?>> coverage = new ArrayList<>();
        for (Papers.Coverage c : Papers.DESIGN_TABLE) {
            List<String> cells = new ArrayList<>();
            for (String e : c.experiments()) {
                String status = outcomes.stream().filter(o -> o.experiment().equals(e)).map(Outcome::status).findFirst()
                        .orElse("not run");
                cells.add(e + " (" + status + ")");
            }
            coverage.add(List.of(c.capability(), c.paper(), String.join(", ", cells)));
        }
        md.table(List.of("capability", "paper", "experiments"), coverage);
        StringBuilder body = new StringBuilder(md.markdown());
        for (Outcome o : outcomes) {
            body.append("\n## ").append(o.experiment()).append("\n\n");
            Papers.of(o.experiment()).ifPresent(p -> body.append("Reproduces: ").append(p.citation()).append(" (")
                    .append(p.link()).append(").\n\n"));
            switch (o.status()) {
                case Outcome.SKIPPED -> body.append("**Skipped: data absent.** ").append(o.message()).append("\n");
                case Outcome.FAILED -> body.append("**Failed:** ").append(o.message()).append("\n");
                default -> appendResult(body, out, o);
            }
        }
        Path file = out.resolve(FILE);
        Path tmp = Files.createTempFile(out, ".REPORT", ".tmp");
        Files.writeString(tmp, body.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static void appendResult(StringBuilder body, Path out, Outcome o) throws IOException {
        Path dir = out.resolve(o.experiment());
        // Experiments write their own Markdown as report.md (most) or table.md (the attack experiments).
        for (String name : OWN_MARKDOWN) {
            Path own = dir.resolve(name);
            if (Files.exists(own)) {
                body.append(embed(Files.readString(own, StandardCharsets.UTF_8), o.experiment())).append("\n");
                break;
            }
        }
        body.append("\nHeadline (`").append(o.experiment()).append("/summary.json`):\n\n```json\n")
                .append(JsonReport.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(o.summary()))
                .append("\n```\n\nConfiguration: preset `").append(o.preset()).append("`, in `").append(o.experiment())
                .append("/config.json`.\n");
    }

    /** {@code markdown} with its headings two levels down and its local images pointing into {@code dir}. */
    static String embed(String markdown, String dir) {
        StringBuilder sb = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            sb.append(line.startsWith("#") ? "##" + line : line).append('\n');
        }
        Matcher m = LOCAL_IMAGE.matcher(sb.toString());
        return m.replaceAll(r -> Matcher.quoteReplacement("![" + r.group(1) + "](" + dir + "/" + r.group(2) + ")"));
    }

    private static String machine() {
        Runtime rt = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%s %s, %d cores, %.1f GiB heap, Java %s", System.getProperty("os.name"),
                System.getProperty("os.arch"), rt.availableProcessors(), rt.maxMemory() / (1024.0 * 1024 * 1024),
                System.getProperty("java.version")) + " (" + ManagementFactory.getRuntimeMXBean().getVmName() + ")";
    }
}
