package org.robust4j.experiments.reproduce;

import java.util.Locale;
import org.robust4j.experiments.registry.Experiment;

/**
 * How big {@code robust4j run all} runs each experiment: {@code tiny} (seconds: smoke tests),
 * {@code small} (each experiment's default preset: laptop scale, minutes), {@code full} (the
 * experiment's {@code full} preset where it has one: the paper's scale, hours).
 */
public enum Scale {
    TINY, SMALL, FULL;

    public static final String FULL_PRESET = "full";

    public static Scale parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scale '" + s + "': tiny, small or full");
        }
    }

    /** The preset of {@code e} this scale runs. */
    public String presetFor(Experiment<?> e) {
        return switch (this) {
            case TINY -> Experiment.TINY_PRESET;
            case SMALL -> Experiment.DEFAULT_PRESET;
            case FULL -> e.presets().containsKey(FULL_PRESET) ? FULL_PRESET : Experiment.DEFAULT_PRESET;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
