package org.robust4j.layers.lipschitz;

import org.robust4j.core.tensor.Shape;

/**
 * A layer that knows a bound on its own l2 Lipschitz constant. {@link NetworkLipschitz} asks a
 * layer implementing this before its built-in rules for the standard layers, so new layers
 * (SLL, CPL, AOL, circulant layers, ...) declare their bound where they are defined.
 */
public interface LipschitzBounded {

    /**
     * An upper bound on the layer's Lipschitz constant (kind {@code UPPER} or {@code EXACT}), or an
     * estimate (kind {@code ESTIMATE}) if that is all the layer can give, for inputs of one sample
     * of shape {@code input} (no batch axis), in the layer's current train/eval mode.
     */
    SpectralNorm lipschitzBound(Shape input);
}
