package org.robust4j.spark.sweep;

import java.io.Serializable;

/**
 * One configuration of a sweep: its number, the overridden config fields (as a JSON object, so
 * any value a config record can hold travels as it is) and the run's seed.
 */
public record SweepPoint(int id, String overridesJson, long seed) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The point's output directory name under {@code points/}: {@code point-007}. */
    public String dirName() {
        return String.format(java.util.Locale.ROOT, "point-%03d", id);
    }
}
