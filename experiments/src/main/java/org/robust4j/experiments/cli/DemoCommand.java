package org.robust4j.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.robust4j.core.backend.Backend;
import org.robust4j.experiments.demo.Demo;
import org.robust4j.experiments.demo.DemoConfig;
import org.robust4j.experiments.demo.DemoReport;
import org.robust4j.experiments.models.Architectures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code robust4j demo}: the main job of the README: what the library is for, in a few minutes. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a standard CNN and a 1-Lipschitz network on the embedded Fashion-MNIST subset, attack "
                + "and certify both, and write report.md with plots into --out (a few minutes; --quick: under one).")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "robust4j-out/demo",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "Fewer samples, epochs and noisy draws: under a minute.")
    boolean quick;

    @Option(names = "--lipschitz-arch", paramLabel = "ARCH", defaultValue = "sll",
            description = "The 1-Lipschitz network to compare with the CNN: sll, cpl or aol (default: ${DEFAULT-VALUE}).")
    String lipschitzArch;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " is a file, not a directory");
        }
        try {
            CompositionRoot.checkBackendName(common.backend());
            Architectures.get(lipschitzArch);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        DemoConfig config = quick ? DemoConfig.quick() : DemoConfig.standard();
        if (!"sll".equals(lipschitzArch)) {
            config = config.withLipschitzArch(lipschitzArch, lipschitzArch.toUpperCase(Locale.ROOT) + " (1-Lipschitz)");
        }
        try (Backend backend = CompositionRoot.backend(common.backend())) {
            Demo.Result r = new Demo(backend, config, common.seed(), System.err).run(out);
            var o = spec.commandLine().getOut();
            o.println();
            o.print(DemoReport.consoleTable(config, r.models()));
            o.printf(Locale.ROOT, "%nReport: %s (%.0f s)%n", r.report(), r.seconds());
            o.flush();
        }
        return 0;
    }
}
