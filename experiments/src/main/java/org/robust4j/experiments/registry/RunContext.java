package org.robust4j.experiments.registry;

import java.nio.file.Path;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.experiments.report.Progress;

/**
 * What an experiment runs with: the backend chosen at the composition root, a generator seeded
 * from {@code --seed}, and the directory its files go to.
 */
public record RunContext(Backend backend, long seed, Generator generator, Path outDir) {

    public static RunContext of(Backend backend, long seed, Path outDir) {
        return new RunContext(backend, seed, new Generator(seed), outDir);
    }

    /** A file in the output directory. */
    public Path file(String name) {
        return outDir.resolve(name);
    }

    /** Reports progress of a task of {@code total} steps (a bar on a terminal, log lines otherwise). */
    public Progress progress(String task, long total) {
        return Progress.start(task, total);
    }
}
