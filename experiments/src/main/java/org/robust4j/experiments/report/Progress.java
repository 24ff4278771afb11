package org.robust4j.experiments.report;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.robust4j.core.util.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of one long task: items done of the total, the rate and the time left. A terminal
 * progress bar when a console is attached, otherwise a log line every few seconds (so CI logs and
 * redirected output stay readable); nothing at all after {@link #setQuiet(boolean) setQuiet(true)}
 * (the command's {@code --quiet}).
 *
 * <pre>{@code
 * try (Progress p = Progress.start("certify", n)) {
 *     for (...) { ...; p.step(); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable, ProgressListener {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();
    /** Process-wide, like the command's output itself: set once from {@code --quiet}. */
    private static volatile boolean quiet;

    private final String task;
    private final String unit;
    private final long total;
    private final ProgressBar bar;
    private final boolean silent;
    private final long logIntervalNanos;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastLogNanos = startNanos;
    private boolean closed;

    private Progress(String task, String unit, long total, ProgressBar bar, boolean silent, long logIntervalNanos) {
        this.task = task;
        this.unit = unit;
        this.total = total;
        this.bar = bar;
        this.silent = silent;
        this.logIntervalNanos = logIntervalNanos;
    }

    /** Silences (or restores) every progress report of this process: {@code --quiet}. */
    public static void setQuiet(boolean q) {
        quiet = q;
    }

    public static boolean isQuiet() {
        return quiet;
    }

    /** A bar on the terminal if there is one, else periodic log lines; counts "steps". */
    public static Progress start(String task, long total) {
        return start(task, "steps", total);
    }

    /** Like {@link #start(String, long)}, counting {@code unit} (e.g. "samples"). */
    public static Progress start(String task, String unit, long total) {
        if (quiet) {
            return new Progress(task, unit, total, null, true, LOG_INTERVAL_NANOS);
        }
        return System.console() != null ? withBar(task, unit, total) : withLogLines(task, unit, total);
    }

    /**
     * Log lines only, even on a terminal: for an outer task (such as {@code run all}'s
     * experiments) whose inner tasks draw the bars.
     */
    public static Progress logLines(String task, String unit, long total) {
        return quiet ? new Progress(task, unit, total, null, true, LOG_INTERVAL_NANOS) : withLogLines(task, unit, total);
    }

    static Progress withBar(String task, String unit, long total) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                .showSpeed().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build();
        return new Progress(task, unit, total, bar, false, LOG_INTERVAL_NANOS);
    }

    static Progress withLogLines(String task, String unit, long total) {
        return withLogLines(task, unit, total, LOG_INTERVAL_NANOS);
    }

    static Progress withLogLines(String task, String unit, long total, long intervalNanos) {
        LOG.info("{}: started ({} {})", task, total, unit);
        return new Progress(task, unit, total, null, false, intervalNanos);
    }

    public void step() {
        stepBy(1);
    }

    public void stepBy(long n) {
        done += n;
        if (silent) {
            return;
        }
        if (bar != null) {
            bar.stepBy(n);
            return;
        }
        long now = System.nanoTime();
        if (now - lastLogNanos >= logIntervalNanos) {
            lastLogNanos = now;
            LOG.info("{}", line(task, unit, done, total, (now - startNanos) / 1e9));
        }
    }

    /** Moves to {@code done} items (never back): a {@link ProgressListener} for the library's loops. */
    @Override
    public void progress(long doneNow, long totalNow) {
        if (doneNow > done) {
            stepBy(doneNow - done);
        }
    }

    public long done() {
        return done;
    }

    /** "certify: 40/100 samples (40%), 2.00 samples/s, 30 s left" after {@code seconds}. */
    static String line(String task, String unit, long done, long total, double seconds) {
        double rate = seconds > 0 ? done / seconds : 0;
        String left = rate > 0 && total >= done ? formatSeconds((total - done) / rate) + " left" : "time left unknown";
        return String.format(Locale.ROOT, "%s: %d/%d %s (%d%%), %s %s/s, %s", task, done, total, unit,
                total > 0 ? 100 * done / total : 100, rate >= 10 ? String.format(Locale.ROOT, "%.0f", rate)
                        : String.format(Locale.ROOT, "%.2f", rate), unit, left);
    }

    static String formatSeconds(double s) {
        long r = Math.round(s);
        if (r < 60) {
            return r + " s";
        }
        if (r < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", r / 60, r % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", r / 3600, (r % 3600) / 60);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (silent) {
            return;
        }
        if (bar != null) {
            bar.close();
        } else {
            LOG.info("{}: {}/{} {} done in {}", task, done, total, unit,
                    formatSeconds((System.nanoTime() - startNanos) / 1e9));
        }
    }
}
