package org.robust4j.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProgressTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(Progress.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        Progress.setQuiet(false);
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aLineSaysItemsDoneTheRateAndTheTimeLeft() {
        // 40 of 100 in 20 s: 2 per second, 60 to go, 30 s left.
        assertThat(Progress.line("certify", "samples", 40, 100, 20.0))
                .isEqualTo("certify: 40/100 samples (40%), 2.00 samples/s, 30 s left");
        assertThat(Progress.line("attack", "samples", 300, 1000, 10.0))
                .isEqualTo("attack: 300/1000 samples (30%), 30 samples/s, 23 s left");
        assertThat(Progress.line("run all", "experiments", 0, 11, 5.0)).endsWith("time left unknown");
        assertThat(Progress.formatSeconds(59.4)).isEqualTo("59 s");
        assertThat(Progress.formatSeconds(125)).isEqualTo("2 min 05 s");
        assertThat(Progress.formatSeconds(2 * 3600 + 7 * 60 + 3)).isEqualTo("2 h 07 min");
    }

    @Test
    void withoutATerminalItLogsLinesAndAFinalOne() throws InterruptedException {
        try (Progress p = Progress.withLogLines("task", "steps", 10, 0)) {   // a line at every step
            for (int i = 0; i < 4; i++) {
                p.step();
            }
            p.stepBy(6);
            assertThat(p.done()).isEqualTo(10);
            p.close();
            p.close();
        }
        List<String> m = messages();
        assertThat(m.get(0)).isEqualTo("task: started (10 steps)");
        assertThat(m).anyMatch(l -> l.startsWith("task: 4/10 steps (40%), ") && l.contains("steps/s"));
        assertThat(m.get(m.size() - 1)).startsWith("task: 10/10 steps done in ");
        assertThat(m.stream().filter(l -> l.contains("done in"))).as("closed once").hasSize(1);
    }

    @Test
    void asAListenerItMovesForwardOnly() {
        try (Progress p = Progress.withLogLines("loop", "items", 10, Long.MAX_VALUE)) {
            p.progress(5, 10);
            p.progress(3, 10);
            assertThat(p.done()).isEqualTo(5);
            p.progress(10, 10);
            assertThat(p.done()).isEqualTo(10);
        }
    }

    @Test
    void quietSilencesEverything() {
        Progress.setQuiet(true);
        try (Progress p = Progress.start("hidden", "steps", 3)) {
            p.stepBy(3);
            assertThat(p.done()).isEqualTo(3);
        }
        try (Progress p = Progress.logLines("hidden too", "steps", 3)) {
            p.step();
        }
        assertThat(messages()).isEmpty();
    }

    @Test
    void aBarCanBeDrivenTheSameWay() {
        try (Progress p = Progress.withBar("bar", "steps", 3)) {
            p.step();
            p.stepBy(2);
            assertThat(p.done()).isEqualTo(3);
        }
    }
}
