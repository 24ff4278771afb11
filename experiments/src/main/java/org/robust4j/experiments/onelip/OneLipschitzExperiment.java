package org.robust4j.experiments.onelip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.robust4j.core.random.Generator;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.experiments.report.Summary;

/** Trains and certifies every model of its config; the three registered experiments differ only by presets. */
abstract class OneLipschitzExperiment implements Experiment<OneLipschitzConfig> {
    /** A tiny SLL-family network for smoke runs: seconds on the embedded subset. */
    static final Map<String, String> TINY = Map.of("width", "4", "conv-layers", "1", "conv-inner", "4",
            "dense-layers", "1", "dense-inner", "32", "head", "first");

    @Override
    public Class<OneLipschitzConfig> configType() {
        return OneLipschitzConfig.class;
    }

    @Override
    public Summary run(OneLipschitzConfig c, RunContext ctx) throws Exception {
        DataSplits data = c.load();
        Generator g = ctx.generator();
        List<CertifiedModel> models = new ArrayList<>();
        for (OneLipschitzConfig.Model m : c.models()) {
            models.add(CertifiedTraining.run(ctx.backend(), m, data, c.settings(), g.fork(), ctx.file(m.label())));
        }
        return CertifiedReport.write(ctx, name() + " on " + data.name(), c.scale(), models);
    }
}
