package org.robust4j.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.ExperimentRegistry;
import org.robust4j.experiments.report.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code robust4j list}: the registered experiments, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the experiments 'robust4j run' knows.")
final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write the list as summary.json into DIR.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (common.backend() != null) {
            CompositionRoot.checkBackendName(common.backend()); // a typo should not pass silently
        }
        ExperimentRegistry registry = ExperimentRegistry.builtIn();
        int width = registry.names().stream().mapToInt(String::length).max().orElse(0);
        PrintWriter w = spec.commandLine().getOut();
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (Experiment<?> e : registry.all()) {
            w.printf("%-" + width + "s  %s%n", e.name(), e.description());
            descriptions.put(e.name(), e.description());
        }
        w.flush();
        if (out != null) {
            new Summary().put("experiments", descriptions).put("count", descriptions.size()).writeTo(out);
        }
        return 0;
    }
}
