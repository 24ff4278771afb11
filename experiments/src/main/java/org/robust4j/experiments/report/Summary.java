package org.robust4j.experiments.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.robust4j.core.util.ResidentMemory;

/**
 * The headline numbers of a run, written as {@code summary.json}: one JSON object whose
 * top-level keys are stable snake_case names ({@code seconds}, {@code backend},
 * {@code matmul_1024_gflops}, {@code certified_accuracy}, ...), so scripts can read any run the
 * same way. Values are numbers, strings, booleans, or maps and lists of them (a curve such as
 * {@code certified_accuracy} is a map from radius to value). Every summary records what the run
 * cost the machine: {@code peak_rss_mib}, the largest resident set of the process (Java heap and
 * native buffers together) while it ran, added when written unless the run put its own.
 */
public final class Summary {
    public static final String FILE_NAME = "summary.json";
    /** The key of the peak resident memory in MiB. */
    public static final String PEAK_RSS_MIB = "peak_rss_mib";
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Adds or replaces {@code key}; rejects keys that are not snake_case and non-finite numbers. */
    public Summary put(String key, Object value) {
        if (!SNAKE_CASE.matcher(key).matches()) {
            throw new IllegalArgumentException("summary key '" + key + "' is not snake_case");
        }
        if (value == null) {
            throw new IllegalArgumentException("summary key '" + key + "' has no value");
        }
        // JSON has no NaN or infinity; a NaN headline number is a bug upstream, not a result.
        if (value instanceof Number n && !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException("summary key '" + key + "' is " + value);
        }
        values.put(key, value);
        return this;
    }

    public Summary putAll(Summary other) {
        other.values.forEach(this::put);
        return this;
    }

    public Object get(String key) {
        return values.get(key);
    }

    /** The entries in insertion order (read-only). */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** Writes {@code summary.json} into {@code dir}, with {@code peak_rss_mib} where the system reports it. */
    public Path writeTo(Path dir) throws IOException {
        long peak = ResidentMemory.peakMib();
        if (!values.containsKey(PEAK_RSS_MIB) && peak >= 0) {
            values.put(PEAK_RSS_MIB, peak);
        }
        Path file = dir.resolve(FILE_NAME);
        JsonReport.write(file, values);
        return file;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
