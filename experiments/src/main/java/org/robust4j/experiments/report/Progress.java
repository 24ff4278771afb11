package org.robust4j.experiments.report;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of one long task: a terminal progress bar when a console is attached, otherwise a
 * log line every few seconds (so CI logs and redirected output stay readable).
 *
 * <pre>{@code
 * try (Progress p = Progress.start("certify", n)) {
 *     for (...) { ...; p.step(); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final long LOG_INTERVAL_NANOS = Duration.ofSeconds(5).toNanos();

    private final String task;
    private final long total;
    private final ProgressBar bar;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastLogNanos = startNanos;
    private boolean closed;

    private Progress(String task, long total, ProgressBar bar) {
        this.task = task;
        this.total = total;
        this.bar = bar;
    }

    /** A bar on the terminal if there is one, else periodic log lines. */
    public static Progress start(String task, long total) {
        return System.console() != null ? withBar(task, total) : withLogLines(task, total);
    }

    public static Progress withBar(String task, long total) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build();
        return new Progress(task, total, bar);
    }

    public static Progress withLogLines(String task, long total) {
        LOG.info("{}: started ({} steps)", task, total);
        return new Progress(task, total, null);
    }

    public void step() {
        stepBy(1);
    }

    public void stepBy(long n) {
        done += n;
        if (bar != null) {
            bar.stepBy(n);
            return;
        }
        long now = System.nanoTime();
        if (now - lastLogNanos >= LOG_INTERVAL_NANOS) {
            lastLogNanos = now;
            LOG.info("{}: {}/{} ({}%)", task, done, total, total > 0 ? 100 * done / total : 100);
        }
    }

    public long done() {
        return done;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (bar != null) {
            bar.close();
        } else {
            LOG.info("{}: {}/{} done in {} s", task, done, total,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9));
        }
    }
}
