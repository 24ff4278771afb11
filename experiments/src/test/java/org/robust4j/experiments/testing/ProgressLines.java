package org.robust4j.experiments.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.robust4j.experiments.report.Progress;
import org.slf4j.LoggerFactory;

/**
 * The progress lines logged while it is open (a test runs without a terminal, so progress is
 * logged, not drawn as a bar).
 *
 * <pre>{@code
 * try (ProgressLines lines = ProgressLines.capture()) { run ...; lines.get() }
 * }</pre>
 */
public final class ProgressLines implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger(Progress.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private ProgressLines() {
        appender.start();
        logger.addAppender(appender);
    }

    public static ProgressLines capture() {
        return new ProgressLines();
    }

    public List<String> get() {
        synchronized (appender.list) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        Progress.setQuiet(false);
    }
}
