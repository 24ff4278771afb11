package org.robust4j.experiments.reproduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.util.ResidentMemory;
import org.robust4j.experiments.datasets.DatasetNotFoundException;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.ExperimentRegistry;
import org.robust4j.experiments.registry.ExperimentRun;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.report.Progress;
import org.robust4j.experiments.report.Summary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code robust4j run all}: every registered experiment at one scale, each in its own directory,
 * then {@code REPORT.md} over all of them and a {@code summary.json} with each experiment's status,
 * the seconds and the whole run's peak resident memory. An experiment whose data is absent is reported as
 * skipped; one that throws is reported as failed with its message, and the others still run.
 */
public final class RunAll {
    private static final Logger LOG = LoggerFactory.getLogger(RunAll.class);

    /** What the run produced: one outcome per experiment and the report's path. */
    public record Result(List<Outcome> outcomes, Path report, double seconds) {
        public boolean anyFailed() {
            return outcomes.stream().anyMatch(Outcome::failed);
        }
    }

    private final ExperimentRegistry registry;
    private final Scale scale;

    public RunAll(ExperimentRegistry registry, Scale scale) {
        this.registry = registry;
        this.scale = scale;
    }

    public Result run(Backend backend, long seed, Path out) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(out);
        List<Outcome> outcomes = new ArrayList<>();
        Path report = null;
        // Log lines, not a bar: each experiment draws its own bars for its training and evaluation.
        try (Progress progress = Progress.logLines("run all", "experiments", registry.all().size())) {
            for (Experiment<?> e : registry.all()) {
                outcomes.add(runOne(e, backend, seed, out.resolve(e.name())));
                // The next experiment's shapes differ: hand this one's pooled buffers back first.
                backend.releasePooled();
                // Rewritten after every experiment: a run stopped half-way still leaves a report of what finished.
                report = ReproductionReport.write(out, scale, backend, seed, outcomes, (System.nanoTime() - t0) / 1e9);
                progress.step();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        report = ReproductionReport.write(out, scale, backend, seed, outcomes, seconds);
        Map<String, Object> status = new LinkedHashMap<>();
        outcomes.forEach(o -> status.put(o.experiment(), o.status()));
        Summary summary = new Summary().put("scale", scale.label()).put("backend", backend.name()).put("seed", seed)
                .put("experiments", status).put("seconds", seconds);
        long peak = ResidentMemory.peakMib();
        if (peak >= 0) {
            summary.put(Summary.PEAK_RSS_MIB, peak);   // the whole process's
        }
        summary.writeTo(out);
        return new Result(outcomes, report, seconds);
    }

    private Outcome runOne(Experiment<?> e, Backend backend, long seed, Path dir) {
        String preset = scale.presetFor(e);
        long t0 = System.nanoTime();
        try {
            ExperimentRun<?> run = ExperimentRun.resolve(e, preset, null);
            Map<String, Object> summary = run.execute(RunContext.of(backend, seed, dir)).asMap();
            return new Outcome(e.name(), preset, Outcome.OK, "", elapsed(t0), summary);
        } catch (Exception | OutOfMemoryError failure) {
            DatasetNotFoundException missing = missingData(failure);
            if (missing != null) {
                LOG.warn("{}: skipped, {}", e.name(), missing.getMessage());
                return new Outcome(e.name(), preset, Outcome.SKIPPED, missing.getMessage(), elapsed(t0), Map.of());
            }
            LOG.error("{}: failed", e.name(), failure);
            String why = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            return new Outcome(e.name(), preset, Outcome.FAILED, why, elapsed(t0), Map.of());
        }
    }

    /** The absent-dataset error behind {@code t}, however deep experiments wrapped it; null if there is none. */
    private static DatasetNotFoundException missingData(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DatasetNotFoundException d) {
                return d;
            }
        }
        return null;
    }

    private static double elapsed(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
