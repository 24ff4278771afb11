package org.robust4j.experiments.onelip;

import java.util.List;
import java.util.Map;
import org.robust4j.experiments.reproduce.Scale;

/** {@code sll-certified}: an SLL network's Lipschitz-certified accuracy (SLL, ICLR 2023, at laptop scale). */
public final class SllCertified extends OneLipschitzExperiment {
    @Override
    public String name() {
        return "sll-certified";
    }

    @Override
    public String description() {
        return "trains an SLL network on Fashion-MNIST and certifies it by the Lipschitz margin at 36/255, 72/255, "
                + "108/255, 1 (Araujo et al. 2023), with a PGD soundness check";
    }

    @Override
    public Map<String, OneLipschitzConfig> presets() {
        return Map.of(
                DEFAULT_PRESET, new OneLipschitzConfig("fashion-mnist", null, 0, 1000, 3, 128, 5e-3, 10,
                        List.of(new OneLipschitzConfig.Model("sll-s", "sll", Map.of("head", "first"), 4))),
                // The budget (full data, <= 30 min of training on 2 cores): 15 epochs, and a
                // logit offset of 0.5 instead of SLL's 2.12, which buys clean accuracy with radius.
                Scale.FULL_PRESET, new OneLipschitzConfig("fashion-mnist", null, 0, 1000, 15, 128, 5e-3, 10,
                        List.of(new OneLipschitzConfig.Model("sll-s", "sll", Map.of("head", "first"), 4, "offset-ce:0.5"))),
                TINY_PRESET, new OneLipschitzConfig("fashion-mnist-small", null, 300, 40, 1, 64, 5e-3, 3,
                        List.of(new OneLipschitzConfig.Model("sll-tiny", "sll", TINY, 1))));
    }
}
