package org.robust4j.attacks;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.tensor.Tensor;

/**
 * The valid input range, a box {@code [lower, upper]} in every coordinate: attacks never return
 * a point outside it (images in {@code [0, 1]} by default, as torchattacks, foolbox's
 * {@code bounds} and ART's {@code clip_values}).
 */
public record InputBox(double lower, double upper) {
    /** Pixels in {@code [0, 1]}. */
    public static final InputBox UNIT = new InputBox(0, 1);

    public InputBox {
        checkArgument(lower < upper && !Double.isNaN(lower) && !Double.isNaN(upper),
                "input box: lower bound %s must be below upper bound %s", lower, upper);
    }

    /** Clips every coordinate into the box. */
    public Tensor clip(Tensor x) {
        if (Double.isInfinite(lower) && Double.isInfinite(upper)) {
            return x;
        }
        return x.clamp(lower, upper);
    }

    /** Fails with a clear message when a coordinate of {@code x} lies outside the box (or is NaN). */
    public void check(String attack, Tensor x) {
        if (x.size() == 0) {
            return;
        }
        double min = x.min().item();
        double max = x.max().item();
        checkArgument(min >= lower && max <= upper,
                "%s: inputs must lie in the box [%s, %s] but range over [%s, %s] (set the attack's box, e.g."
                        + " withBox(new InputBox(lo, hi)), to the model's input range)", attack, lower, upper, min, max);
    }

    /** Centre of the box (for the tanh re-parametrisation of Carlini and Wagner). */
    public double centre() {
        return (upper + lower) / 2;
    }

    /** Half the width of the box. */
    public double halfWidth() {
        return (upper - lower) / 2;
    }

    @Override
    public String toString() {
        return "[" + lower + ", " + upper + "]";
    }
}
