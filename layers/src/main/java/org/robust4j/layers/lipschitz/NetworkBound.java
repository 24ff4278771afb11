package org.robust4j.layers.lipschitz;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.robust4j.core.tensor.Shape;

/**
 * The Lipschitz bound of a network as the product of its layers' bounds (a composition is
 * Lipschitz with at most the product of the constants), with every layer's entry, including
 * those that could not be bounded: a network with such a layer has no bound, never one that
 * silently takes them as 1.
 */
public record NetworkBound(List<LayerBound> layers) {

    /**
     * One layer: its dotted path in the network, its class, the shape of one input sample, and
     * its bound, or null with the reason it has none.
     */
    public record LayerBound(String path, String layer, Shape input, SpectralNorm bound, String reason) {
        public boolean bounded() {
            return bound != null;
        }

        @Override
        public String toString() {
            return path + " " + layer + " " + input + ": " + (bound != null ? bound : "no bound (" + reason + ")");
        }
    }

    public NetworkBound {
        layers = List.copyOf(layers);
    }

    /** True when every layer has a bound. */
    public boolean complete() {
        return layers.stream().allMatch(LayerBound::bounded);
    }

    /** The layers without a bound. */
    public List<LayerBound> unbounded() {
        return layers.stream().filter(l -> !l.bounded()).toList();
    }

    /** The product of the bounds that exist (not a bound of the network unless {@link #complete()}). */
    public double productOfBounded() {
        double p = 1;
        for (LayerBound l : layers) {
            if (l.bounded()) {
                p *= l.bound().value();
            }
        }
        return p;
    }

    /**
     * The network's Lipschitz bound: present when every layer is bounded; an upper bound unless
     * some layer only has an estimate (see {@link #kind()}).
     */
    public OptionalDouble value() {
        return complete() ? OptionalDouble.of(productOfBounded()) : OptionalDouble.empty();
    }

    /**
     * {@code UPPER} when every factor bounds from above, {@code ESTIMATE} if any is an estimate
     * (a product of exact layer norms is still only an upper bound of the network's constant).
     */
    public SpectralNorm.Kind kind() {
        boolean estimate = layers.stream().anyMatch(l -> l.bounded() && l.bound().kind() == SpectralNorm.Kind.ESTIMATE);
        return estimate ? SpectralNorm.Kind.ESTIMATE : SpectralNorm.Kind.UPPER;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(complete() ? String.format(Locale.ROOT, "Lipschitz bound %.6g (%s)", productOfBounded(), kind().label())
                : "no bound: " + unbounded().size() + " layer(s) could not be bounded");
        for (LayerBound l : layers) {
            sb.append("\n  ").append(l);
        }
        return sb.toString();
    }
}
