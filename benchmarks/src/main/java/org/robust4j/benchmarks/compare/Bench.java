package org.robust4j.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Path;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.layers.LayerContext;

/** What a row runs with: the backend, the fixtures both sides read, quick or full sizes, and the timer. */
record Bench(Backend backend, Fixtures fixtures, boolean quick, GatedTimer timer) {
    static Bench of(Backend backend, Path fixtures, boolean quick) {
        return new Bench(backend, fixtures == null ? null : new Fixtures(fixtures), quick,
                quick ? GatedTimer.quick() : GatedTimer.full());
    }

    Fixtures requireFixtures() {
        if (fixtures == null) {
            throw new IllegalArgumentException("this row reads the shared fixtures: give --fixtures DIR "
                    + "(written by 'prepare DIR')");
        }
        return fixtures;
    }

    /** The fixtures' trained small CNN on this backend, in eval mode. */
    Module trainedCnn() throws IOException {
        Module model = Models.smallCnn(LayerContext.of(backend, 0));
        requireFixtures().loadInto(model, Models::cnnName);
        model.eval();
        return model;
    }

    /** Waits for the device (OpenCL runs asynchronously) so a timed call includes all its work. */
    void sync() {
        backend.synchronize();
    }
}
