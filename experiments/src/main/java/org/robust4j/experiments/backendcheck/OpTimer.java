package org.robust4j.experiments.backendcheck;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.Scope;
import org.robust4j.experiments.report.Progress;

/**
 * Times one operation: {@code warmup} untimed runs, then {@code repetitions} timed ones. Every
 * run happens in its own {@link Scope}, so the arrays it creates are released after the clock
 * stops, and the backend is synchronised before the clock stops, so queued work is counted.
 */
final class OpTimer {
    private final Backend backend;
    private final int warmup;
    private final int repetitions;
    private final Progress progress;

    OpTimer(Backend backend, int warmup, int repetitions, Progress progress) {
        this.backend = backend;
        this.warmup = warmup;
        this.repetitions = repetitions;
        this.progress = progress;
    }

    /** Runs {@code op} and, untimed after each run, {@code afterEach} (e.g. to drop gradients). */
    @SuppressWarnings("try") // a Scope is opened for what it releases, not used by name
    Measurement time(String name, String shape, long flops, Runnable op, Runnable afterEach) {
        for (int i = 0; i < warmup; i++) {
            try (Scope s = Scope.open()) {
                op.run();
                backend.synchronize();
            }
            afterEach.run();
        }
        long[] nanos = new long[repetitions];
        for (int i = 0; i < repetitions; i++) {
            try (Scope s = Scope.open()) {
                long start = System.nanoTime();
                op.run();
                backend.synchronize();
                nanos[i] = System.nanoTime() - start;
            }
            afterEach.run();
        }
        progress.step();
        return Measurement.of(name, shape, flops, nanos);
    }

    Measurement time(String name, String shape, long flops, Runnable op) {
        return time(name, shape, flops, op, () -> { });
    }
}
