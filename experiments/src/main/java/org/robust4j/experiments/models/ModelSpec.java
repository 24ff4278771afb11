package org.robust4j.experiments.models;

import java.util.LinkedHashMap;
import java.util.Map;
import org.robust4j.core.tensor.Shape;

/**
 * Everything needed to rebuild a model before loading its weights: the architecture name, its
 * options, the input item shape and the number of classes. Stored in the safetensors metadata
 * of every model robust4j writes, so any command can rebuild the model from the file alone.
 */
public record ModelSpec(String architecture, Map<String, String> options, Shape inputShape, int classes) {
    public ModelSpec {
        options = Map.copyOf(new LinkedHashMap<>(options));
    }

    public int intOption(String key, int fallback) {
        String v = options.get(key);
        return v == null ? fallback : Integer.parseInt(v);
    }

    public double doubleOption(String key, double fallback) {
        String v = options.get(key);
        return v == null ? fallback : Double.parseDouble(v);
    }

    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }
}
