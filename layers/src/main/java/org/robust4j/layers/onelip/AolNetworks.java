package org.robust4j.layers.onelip;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.standard.MaxMin;

/**
 * AOL networks at CPU scale: AOL layers are linear, so each is followed by MaxMin (as in the AOL
 * paper and Prach et al.):
 *
 * <pre>  PaddingChannels(in -> width) -> convLayers x [AolConv2d(width, width, k), MaxMin]
 *   -> AvgPool2d.normPreserving(pool) -> Flatten -> denseLayers x [AolDense(D, D), MaxMin] -> head</pre>
 *
 * Every piece is 1-Lipschitz (the LLN head aside, which reports its own norm). The paper's
 * networks (Small: 15 conv layers with concatenation pooling, CIFAR scale) are not reproduced.
 */
public final class AolNetworks {
    private AolNetworks() {}

    /** The shape of an AOL network; {@code width} must be even (MaxMin pairs channels). */
    public record Config(int convLayers, int denseLayers, int width, int kernel, int pool, SllNetworks.Head head) {
        public Config {
            checkArgument(convLayers >= 0 && denseLayers >= 0, "AolNetworks: layer counts must be >= 0, got %s conv, %s dense",
                    convLayers, denseLayers);
            checkArgument(width > 0 && width % 2 == 0, "AolNetworks: width must be positive and even (MaxMin), got %s", width);
            checkArgument(kernel > 0 && kernel % 2 == 1, "AolNetworks: kernel must be odd, got %s", kernel);
            checkArgument(pool >= 1, "AolNetworks: pool must be >= 1, got %s", pool);
            checkNotNull(head, "head");
        }

        /** S = 4 conv, 2 dense, width 16; M = 8, 2, 24; L = 12, 3, 32; XL = 16, 4, 48 (3x3, pool 4, LLN). */
        public static Config compact(SllNetworks.Size size) {
            return switch (size) {
                case S -> new Config(4, 2, 16, 3, 4, SllNetworks.Head.LLN);
                case M -> new Config(8, 2, 24, 3, 4, SllNetworks.Head.LLN);
                case L -> new Config(12, 3, 32, 3, 4, SllNetworks.Head.LLN);
                case XL -> new Config(16, 4, 48, 3, 4, SllNetworks.Head.LLN);
            };
        }
    }

    public static Sequential small(LayerContext c, int inChannels, int size, int classes) {
        return build(c, Config.compact(SllNetworks.Size.S), inChannels, size, classes);
    }

    public static Sequential medium(LayerContext c, int inChannels, int size, int classes) {
        return build(c, Config.compact(SllNetworks.Size.M), inChannels, size, classes);
    }

    public static Sequential large(LayerContext c, int inChannels, int size, int classes) {
        return build(c, Config.compact(SllNetworks.Size.L), inChannels, size, classes);
    }

    public static Sequential build(LayerContext c, Config cfg, int inChannels, int size, int classes) {
        List<Module> layers = new ArrayList<>(SllNetworks.stem(cfg.width(), cfg.pool(), inChannels, size, classes));
        int at = 1;
        for (int i = 0; i < cfg.convLayers(); i++) {
            layers.add(at++, new AolConv2d(c, cfg.width(), cfg.width(), cfg.kernel()));
            layers.add(at++, new MaxMin());
        }
        int features = cfg.width() * (size / cfg.pool()) * (size / cfg.pool());
        for (int i = 0; i < cfg.denseLayers(); i++) {
            layers.add(new AolDense(c, features, features));
            layers.add(new MaxMin());
        }
        layers.add(SllNetworks.head(c, cfg.head(), features, classes));
        return new Sequential(layers);
    }
}
