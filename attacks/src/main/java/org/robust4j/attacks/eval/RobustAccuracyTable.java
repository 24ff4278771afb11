package org.robust4j.attacks.eval;

import java.util.List;
import java.util.Locale;

/** Robust accuracy under a list of attacks, with plain-text renderings for reports. */
public record RobustAccuracyTable(List<RobustAccuracyRow> rows) {
    public RobustAccuracyTable {
        rows = List.copyOf(rows);
    }

    /** A Markdown table, one row per attack. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("| attack | norm | eps | samples | clean acc | robust acc | seconds |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (RobustAccuracyRow r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.4g | %d | %.4f | %.4f | %.2f |%n", r.attack(), r.norm(),
                    r.eps(), r.samples(), r.cleanAccuracy(), r.robustAccuracy(), r.seconds()));
        }
        return sb.toString();
    }

    /** CSV with a header line and snake_case column names. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("attack,norm,eps,samples,clean_accuracy,robust_accuracy,seconds\n");
        for (RobustAccuracyRow r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%s,%s%n", r.attack(), r.norm(), r.eps(), r.samples(),
                    r.cleanAccuracy(), r.robustAccuracy(), r.seconds()));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return toMarkdown();
    }
}
