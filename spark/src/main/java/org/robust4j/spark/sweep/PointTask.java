package org.robust4j.spark.sweep;

import java.nio.file.Path;
import org.apache.spark.api.java.function.Function;
import org.robust4j.core.backend.Backend;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.ExperimentRegistry;
import org.robust4j.experiments.registry.ExperimentRun;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.experiments.report.Summary;
import org.robust4j.spark.exec.ExecutorResources;

/**
 * One sweep point as one Spark task: the experiment runs on the executor's backend exactly as
 * {@code robust4j run} would, writing its files into {@code points/point-NNN/}; the task returns its
 * {@code summary.json} as text for the driver to gather.
 */
record PointTask(String experiment, String preset, String pointsDir, String backend)
        implements Function<SweepPoint, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String call(SweepPoint point) throws Exception {
        return JsonReport.mapper().writeValueAsString(run(ExperimentRegistry.builtIn().get(experiment), point).asMap());
    }

    private <C extends Record> Summary run(Experiment<C> e, SweepPoint point) throws Exception {
        C config = SweepConfigs.config(e, preset, point);
        Backend b = ExecutorResources.backend(backend);
        Path dir = Path.of(pointsDir).resolve(point.dirName());
        return new ExperimentRun<>(e, config).execute(RunContext.of(b, point.seed(), dir));
    }
}
