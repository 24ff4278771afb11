package org.robust4j.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BackendProvider;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.random.Generator;
import org.robust4j.experiments.report.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code robust4j info}: what would run here (version, the selected backend and what it says
 * about itself, the other backends and why they cannot run, the JVM), and a self-check of the
 * selected backend. Exit code 1 when the self-check fails.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the version, backends and JVM, and self-check the selected backend.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write summary.json into DIR.")
    Path out;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        PrintWriter w = spec.commandLine().getOut();
        try (Backend backend = CompositionRoot.backend(common.backend())) {
            w.println("robust4j " + VersionProvider.version());
            w.println();
            w.println("backend: " + backend.name());
            backend.info().forEach((k, v) -> w.println("  " + k + ": " + v));
            w.println();
            w.println("available backends:");
            for (BackendProvider p : Backends.providers()) {
                String state = p.unavailableReason().map(why -> "unavailable: " + why).orElse("available");
                w.println("  " + p.name() + "  " + p.description() + "  [" + state + "]");
            }
            w.println();
            Runtime rt = Runtime.getRuntime();
            w.println("jvm: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                    + " (" + System.getProperty("java.vendor") + "), " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
            w.println("heap: max " + (rt.maxMemory() >> 20) + " MiB");
            w.println("threads: " + rt.availableProcessors() + " processors available");
            w.println();

            List<SelfCheck.Check> checks = SelfCheck.run(backend, new Generator(common.seed()));
            boolean ok = SelfCheck.allOk(checks);
            w.println("self-check: " + (ok ? "OK" : "FAILED"));
            for (SelfCheck.Check c : checks) {
                w.println(String.format(Locale.ROOT, "  %-26s %-6s max error %.2e", c.name(), c.ok() ? "OK" : "FAILED",
                        c.maxError()));
            }
            w.flush();

            if (out != null) {
                Map<String, String> available = new LinkedHashMap<>();
                Backends.providers().forEach(p -> available.put(p.name(),
                        p.unavailableReason().map(why -> "unavailable: " + why).orElse("available")));
                new Summary()
                        .put("robust4j_version", VersionProvider.version())
                        .put("backend", backend.name())
                        .put("backend_info", backend.info())
                        .put("backends", available)
                        .put("java_version", System.getProperty("java.runtime.version"))
                        .put("processors", rt.availableProcessors())
                        .put("self_check", ok ? "ok" : "failed")
                        .put("seconds", (System.nanoTime() - start) / 1e9)
                        .writeTo(out);
            }
            return ok ? 0 : 1;
        }
    }
}
