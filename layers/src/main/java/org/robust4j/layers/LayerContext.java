package org.robust4j.layers;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;

/**
 * Where new layers put their parameters and where their initial values come from: a backend,
 * a seeded generator (so the same seed builds the same network), and a dtype.
 */
public record LayerContext(Backend backend, Generator generator, DType dtype) {

    public static LayerContext of(Backend backend, long seed) {
        return new LayerContext(backend, new Generator(seed), DType.FLOAT32);
    }

    public static LayerContext of(Backend backend, Generator generator) {
        return new LayerContext(backend, generator, DType.FLOAT32);
    }

    public LayerContext withDtype(DType d) {
        return new LayerContext(backend, generator, d);
    }
}
