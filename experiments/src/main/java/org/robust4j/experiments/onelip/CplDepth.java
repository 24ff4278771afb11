package org.robust4j.experiments.onelip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code cpl-depth}: CPL networks of growing depth (CPL, ICML 2022: very deep 1-Lipschitz residual networks). */
public final class CplDepth extends OneLipschitzExperiment {
    @Override
    public String name() {
        return "cpl-depth";
    }

    @Override
    public String description() {
        return "CPL networks of increasing depth: clean and Lipschitz-certified accuracy against the number of layers "
                + "(Meunier et al. 2022)";
    }

    @Override
    public Map<String, OneLipschitzConfig> presets() {
        return Map.of(
                DEFAULT_PRESET, new OneLipschitzConfig("fashion-mnist-small", null, 0, 1000, 2, 128, 5e-3, 10,
                        depths(new int[] {2, 4, 8, 16}, "8")),
                "full", new OneLipschitzConfig("fashion-mnist", null, 0, 2000, 5, 128, 5e-3, 10,
                        depths(new int[] {4, 8, 16, 32, 64}, "16")),
                TINY_PRESET, new OneLipschitzConfig("fashion-mnist-small", null, 300, 40, 1, 64, 5e-3, 3,
                        depths(new int[] {1, 2}, "4")));
    }

    private static List<OneLipschitzConfig.Model> depths(int[] depths, String width) {
        List<OneLipschitzConfig.Model> out = new ArrayList<>();
        for (int d : depths) {
            out.add(new OneLipschitzConfig.Model("cpl-depth-" + d, "cpl", Map.of("conv-layers", String.valueOf(d),
                    "width", width, "conv-inner", width, "dense-layers", "1", "dense-inner", "256", "head", "first"), d));
        }
        return out;
    }
}
