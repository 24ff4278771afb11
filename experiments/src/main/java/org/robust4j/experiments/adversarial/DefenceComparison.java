package org.robust4j.experiments.adversarial;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.report.CsvReport;
import org.robust4j.experiments.report.MarkdownReport;
import org.robust4j.experiments.report.Summary;

/**
 * The report both adversarial-training experiments write: our table (defences as columns),
 * the published table next to it, the scale of the run, the training log, a plot and the summary.
 */
public final class DefenceComparison {
    /** One trained defence's training record. */
    public record TrainingRow(String model, String objective, double trainSeconds, double finalTestAccuracy) {
    }

    private DefenceComparison() {}

    /** A published table: its caption, header and rows, quoted as printed. */
    public record Published(String caption, List<String> header, List<List<String>> rows, String notes) {
    }

    public static Summary write(RunContext context, String title, String scale, RobustnessGrid grid, List<TrainingRow> training,
                                Published published) throws IOException {
        grid.write(context.outDir(), "robustness.png", title);
        CsvReport.write(context.file("training.csv"), TrainingRow.class, training);
        MarkdownReport md = new MarkdownReport(title)
                .paragraph("Scale of this run: " + scale)
                .section("Robust accuracy (this run)")
                .table(grid.header(), grid.rows())
                .image("robust accuracy", "robustness.png")
                .section("Training")
                .table(List.of("model", "objective", "train seconds", "test accuracy (clean, first 1000 test images, last epoch)"),
                        training.stream().map(t -> List.of(t.model(), t.objective(), String.format(Locale.ROOT, "%.1f",
                                t.trainSeconds()), String.format(Locale.ROOT, "%.3f", t.finalTestAccuracy()))).toList())
                .section("Published reference")
                .paragraph(published.caption())
                .table(published.header(), published.rows())
                .paragraph(published.notes());
        md.write(context.file("table.md"));
        return new Summary().put("robust_accuracy", grid.asMap()).put("scale", scale)
                .put("train_seconds", training.stream().collect(java.util.stream.Collectors.toMap(TrainingRow::model,
                        TrainingRow::trainSeconds, (a, b) -> a, java.util.LinkedHashMap::new)));
    }
}
