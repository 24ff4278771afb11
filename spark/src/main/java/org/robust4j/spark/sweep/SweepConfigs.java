package org.robust4j.spark.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robust4j.experiments.registry.Experiment;
import org.robust4j.experiments.registry.ExperimentRun;
import org.robust4j.experiments.report.JsonReport;

/**
 * Grid points as configs of a registered experiment: the base preset, with fields replaced by
 * name as {@code config.json} spells them ({@code matmul_sizes}, {@code repetitions}, ...).
 */
public final class SweepConfigs {
    private static final ObjectMapper JSON = JsonReport.mapper();

    private SweepConfigs() {}

    /** Every combination of the grid's values (keys in their order, the last varying fastest), for every seed. */
    public static List<SweepPoint> points(Map<String, List<Object>> grid, List<Long> seeds) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("sweep: no seeds");
        }
        List<Map<String, Object>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> axis : grid.entrySet()) {
            if (axis.getValue().isEmpty()) {
                throw new IllegalArgumentException("sweep: grid field '" + axis.getKey() + "' has no values");
            }
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> c : combos) {
                for (Object v : axis.getValue()) {
                    Map<String, Object> m = new LinkedHashMap<>(c);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<SweepPoint> out = new ArrayList<>();
        for (Map<String, Object> c : combos) {
            for (long seed : seeds) {
                try {
                    out.add(new SweepPoint(out.size(), JSON.writeValueAsString(c), seed));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("sweep: grid values " + c + " are not JSON", e);
                }
            }
        }
        return out;
    }

    /** The config of {@code point}: {@code preset} with the point's fields replaced; a clear error for a bad field. */
    public static <C extends Record> C config(Experiment<C> experiment, String preset, SweepPoint point) {
        C base = ExperimentRun.preset(experiment, preset);
        ObjectNode tree = JSON.valueToTree(base);
        JsonNode overrides;
        try {
            overrides = JSON.readTree(point.overridesJson());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("sweep: point " + point.id() + " has unreadable overrides", e);
        }
        for (Map.Entry<String, JsonNode> f : overrides.properties()) {
            if (!tree.has(f.getKey())) {
                List<String> names = new ArrayList<>();
                tree.fieldNames().forEachRemaining(names::add);
                throw new IllegalArgumentException("sweep: experiment '" + experiment.name() + "' has no config field '"
                        + f.getKey() + "'; its fields: " + String.join(", ", names));
            }
            tree.set(f.getKey(), f.getValue());
        }
        try {
            return JSON.treeToValue(tree, experiment.configType());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new IllegalArgumentException("sweep: point " + point.id() + " " + point.overridesJson()
                    + " is not a valid config of '" + experiment.name() + "': " + why, e);
        }
    }
}
