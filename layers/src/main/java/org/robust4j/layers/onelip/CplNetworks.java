package org.robust4j.layers.onelip;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.layers.LayerContext;

/**
 * CPL networks ({@code ConvexPotentialLayerNetwork}): the SLL network's structure (research note
 * 1.5; the two official codes build the same {@code Sequential}) with {@link CplConv2d} and
 * {@link CplDense} layers, so the shapes come from {@link SllNetworks.Config}: {@code convLayers}
 * = CPL {@code --depth}, {@code denseLayers} = {@code --depth-linear}, {@code width} =
 * {@code --num-channels}, {@code convInner} = {@code --conv-size}, {@code denseInner} =
 * {@code --n-features}. The CPL CLI defaults are {@link #paperDefault}.
 */
public final class CplNetworks {
    private CplNetworks() {}

    /** CPL's CLI defaults: depth 20, depth-linear 7, 30 channels, conv size 5, 2048 features, pool 4, LLN head. */
    public static SllNetworks.Config paperDefault() {
        return new SllNetworks.Config(20, 7, 30, 5, 2048, 3, 4, SllNetworks.Head.LLN);
    }

    public static Sequential small(LayerContext c, int inChannels, int size, int classes) {
        return build(c, SllNetworks.Config.compact(SllNetworks.Size.S), SpectralNormaliser.Method.POWER_ITERATION,
                inChannels, size, classes);
    }

    public static Sequential medium(LayerContext c, int inChannels, int size, int classes) {
        return build(c, SllNetworks.Config.compact(SllNetworks.Size.M), SpectralNormaliser.Method.POWER_ITERATION,
                inChannels, size, classes);
    }

    public static Sequential large(LayerContext c, int inChannels, int size, int classes) {
        return build(c, SllNetworks.Config.compact(SllNetworks.Size.L), SpectralNormaliser.Method.POWER_ITERATION,
                inChannels, size, classes);
    }

    public static Sequential build(LayerContext c, SllNetworks.Config cfg, SpectralNormaliser.Method method,
                                   int inChannels, int size, int classes) {
        List<Module> layers = new ArrayList<>(SllNetworks.stem(cfg.width(), cfg.pool(), inChannels, size, classes));
        int at = 1;
        for (int i = 0; i < cfg.convLayers(); i++) {
            layers.add(at++, new CplConv2d(c, cfg.width(), cfg.convInner(), cfg.kernel(), method));
        }
        int features = cfg.width() * (size / cfg.pool()) * (size / cfg.pool());
        for (int i = 0; i < cfg.denseLayers(); i++) {
            layers.add(new CplDense(c, features, cfg.denseInner(), method));
        }
        layers.add(SllNetworks.head(c, cfg.head(), features, classes));
        return new Sequential(layers);
    }
}
