package org.robust4j.certify.curve;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Certified-accuracy tables in the papers' layout: one row per method (or sigma), one column per
 * radius, as Markdown for reports and CSV for scripts.
 */
public final class CurveTable {
    private CurveTable() {}

    /** Markdown table: a header of radii, then {@code name | acc | acc ...} per row. */
    public static String markdown(double[] radii, Map<String, CertifiedAccuracyCurve> rows) {
        StringBuilder sb = new StringBuilder("| |");
        for (double r : radii) {
            sb.append(String.format(Locale.ROOT, " r=%s |", trim(r)));
        }
        sb.append("\n|---|");
        sb.append("---|".repeat(radii.length));
        sb.append('\n');
        rows.forEach((name, curve) -> {
            sb.append("| ").append(name).append(" |");
            for (double r : radii) {
                sb.append(String.format(Locale.ROOT, " %.3f |", curve.at(r)));
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    /** CSV with columns {@code radius,certified_accuracy}. */
    public static String csv(List<CertifiedAccuracyCurve.Point> points) {
        StringBuilder sb = new StringBuilder("radius,certified_accuracy\n");
        for (CertifiedAccuracyCurve.Point p : points) {
            sb.append(String.format(Locale.ROOT, "%.9g,%.6f%n", p.radius(), p.certifiedAccuracy()));
        }
        return sb.toString();
    }

    private static String trim(double r) {
        String s = String.format(Locale.ROOT, "%.4f", r);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
