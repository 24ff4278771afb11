package org.robust4j.experiments.reproduce;

import java.util.Map;

/**
 * How one experiment of {@code run all} ended.
 *
 * @param status  {@code ok}, {@code skipped} (its data is absent: not a failure) or {@code failed}
 * @param message why it was skipped or failed; empty when ok
 * @param summary its {@code summary.json} when ok
 */
public record Outcome(String experiment, String preset, String status, String message, double seconds,
                      Map<String, Object> summary) {
    public static final String OK = "ok";
    public static final String SKIPPED = "skipped";
    public static final String FAILED = "failed";

    public boolean failed() {
        return FAILED.equals(status);
    }
}
