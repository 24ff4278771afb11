package org.robust4j.experiments.onelip;

import java.util.List;
import java.util.Map;

/**
 * {@code lipschitz-layers-compare}: SLL, CPL, AOL and a spectral-normalised network at comparable
 * parameter budgets (reported next to each result), the same data and training budget.
 */
public final class LipschitzLayersCompare extends OneLipschitzExperiment {
    @Override
    public String name() {
        return "lipschitz-layers-compare";
    }

    @Override
    public String description() {
        return "AOL vs CPL vs SLL vs spectral-normalised networks, clean and Lipschitz-certified accuracy at comparable "
                + "parameter counts";
    }

    @Override
    public Map<String, OneLipschitzConfig> presets() {
        Map<String, String> first = Map.of("head", "first");
        return Map.of(
                DEFAULT_PRESET, new OneLipschitzConfig("fashion-mnist-small", null, 0, 1000, 3, 128, 5e-3, 10, List.of(
                        new OneLipschitzConfig.Model("sll", "sll", first, 4),
                        new OneLipschitzConfig.Model("cpl", "cpl", first, 4),
                        new OneLipschitzConfig.Model("aol", "aol", first, 4),
                        new OneLipschitzConfig.Model("spectral-normalised", "sn", Map.of("hidden", "512"), 3))),
                TINY_PRESET, new OneLipschitzConfig("fashion-mnist-small", null, 300, 40, 1, 64, 5e-3, 3, List.of(
                        new OneLipschitzConfig.Model("sll", "sll", TINY, 1),
                        new OneLipschitzConfig.Model("cpl", "cpl", TINY, 1),
                        new OneLipschitzConfig.Model("spectral-normalised", "sn", Map.of("hidden", "32"), 3))));
    }
}
