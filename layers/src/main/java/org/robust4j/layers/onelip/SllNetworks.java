package org.robust4j.layers.onelip;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.standard.AvgPool2d;
import org.robust4j.layers.standard.Flatten;

/**
 * SLL networks as the official {@code LipschitzNetwork} builds them (research note 1.5):
 *
 * <pre>  PaddingChannels(in -> width) -> convLayers x SllConv2d(width, convInner, kernel)
 *   -> AvgPool2d.normPreserving(pool) -> Flatten -> denseLayers x SllDense(D, denseInner) -> head</pre>
 *
 * with {@code D = width (size/pool)^2} and the head either {@link FirstChannels} (globally
 * 1-Lipschitz) or {@link LinearNormalized} (LLN, certify pairwise). Input mean shifting is left
 * to the data pipeline (a mean shift does not change Lipschitz constants; dividing by a std does).
 *
 * <p>{@link Config#paper} gives the paper's S/M/L/XL sizes (41M-236M parameters on CIFAR-10);
 * {@link #small}, {@link #medium}, {@link #large} scale the same family down for CPU training on
 * 28x28x1 or 32x32x3 (see {@link Config#compact}).
 */
public final class SllNetworks {
    private SllNetworks() {}

    /** Which last layer. */
    public enum Head {
        /** Keep the first {@code classes} features: globally 1-Lipschitz. */
        FIRST_CHANNELS,
        /** Unit-norm rows with a bias: each logit difference is {@code ||w_i - w_j||}-Lipschitz. */
        LLN
    }

    /** Paper sizes. */
    public enum Size { S, M, L, XL }

    /** The shape of an SLL network. */
    public record Config(int convLayers, int denseLayers, int width, int convInner, int denseInner, int kernel, int pool,
                         Head head) {
        public Config {
            checkArgument(convLayers >= 0 && denseLayers >= 0, "SllNetworks: layer counts must be >= 0, got %s conv, %s dense",
                    convLayers, denseLayers);
            checkArgument(width > 0 && convInner > 0 && denseInner > 0,
                    "SllNetworks: width %s, conv inner %s and dense inner %s must be positive", width, convInner, denseInner);
            checkArgument(kernel > 0 && kernel % 2 == 1, "SllNetworks: kernel must be odd, got %s", kernel);
            checkArgument(pool >= 1, "SllNetworks: pool must be >= 1, got %s", pool);
            checkNotNull(head, "head");
        }

        /**
         * The official sizes ({@code main.py --model-name}): conv/dense layers, width, dense inner
         * 2048, conv inner 5, 3x3 kernels, pool 4 and the LLN head.
         */
        public static Config paper(Size size) {
            return switch (size) {
                case S -> new Config(20, 7, 45, 5, 2048, 3, 4, Head.LLN);
                case M -> new Config(30, 10, 60, 5, 2048, 3, 4, Head.LLN);
                case L -> new Config(50, 10, 90, 5, 2048, 3, 4, Head.LLN);
                case XL -> new Config(70, 15, 120, 5, 2048, 3, 4, Head.LLN);
            };
        }

        /**
         * The same family at CPU scale (about 0.82M / 3.7M / 6.6M parameters on 28x28x1): S = 4 conv,
         * 2 dense, width 16, dense inner 512; M = 8 conv, 3 dense, width 24, inner 1024;
         * L = 12 conv, 4 dense, width 32, inner 1024. Conv inner = width, pool 4, LLN head.
         */
        public static Config compact(Size size) {
            return switch (size) {
                case S -> new Config(4, 2, 16, 16, 512, 3, 4, Head.LLN);
                case M -> new Config(8, 3, 24, 24, 1024, 3, 4, Head.LLN);
                case L -> new Config(12, 4, 32, 32, 1024, 3, 4, Head.LLN);
                case XL -> new Config(16, 6, 48, 48, 2048, 3, 4, Head.LLN);
            };
        }

        public Config withHead(Head h) {
            return new Config(convLayers, denseLayers, width, convInner, denseInner, kernel, pool, h);
        }
    }

    public static Sequential small(LayerContext c, int inChannels, int size, int classes) {
        return build(c, Config.compact(Size.S), inChannels, size, classes);
    }

    public static Sequential medium(LayerContext c, int inChannels, int size, int classes) {
        return build(c, Config.compact(Size.M), inChannels, size, classes);
    }

    public static Sequential large(LayerContext c, int inChannels, int size, int classes) {
        return build(c, Config.compact(Size.L), inChannels, size, classes);
    }

    /** An SLL network for square {@code inChannels x size x size} inputs. */
    public static Sequential build(LayerContext c, Config cfg, int inChannels, int size, int classes) {
        List<Module> layers = new ArrayList<>(stem(cfg.width(), cfg.pool(), inChannels, size, classes));
        int at = 1;
        for (int i = 0; i < cfg.convLayers(); i++) {
            layers.add(at++, new SllConv2d(c, cfg.width(), cfg.convInner(), cfg.kernel()));
        }
        int features = cfg.width() * (size / cfg.pool()) * (size / cfg.pool());
        for (int i = 0; i < cfg.denseLayers(); i++) {
            layers.add(new SllDense(c, features, cfg.denseInner()));
        }
        layers.add(head(c, cfg.head(), features, classes));
        return new Sequential(layers);
    }

    /** PaddingChannels, pooling and Flatten, after checking the sizes fit (shared by the CPL builder). */
    static List<Module> stem(int width, int pool, int inChannels, int size, int classes) {
        checkArgument(inChannels > 0 && classes > 1, "network: need channels > 0 and classes > 1, got %s and %s",
                inChannels, classes);
        checkArgument(width >= inChannels, "network: width %s is smaller than the %s input channels", width, inChannels);
        checkArgument(size > 0 && size % pool == 0, "network: image size %s must be a positive multiple of the pool %s",
                size, pool);
        int features = width * (size / pool) * (size / pool);
        checkArgument(features >= classes, "network: %s features cannot hold %s classes", features, classes);
        List<Module> layers = new ArrayList<>();
        layers.add(new PaddingChannels(inChannels, width));
        if (pool > 1) {
            layers.add(AvgPool2d.normPreserving(pool));
        }
        layers.add(new Flatten());
        return layers;
    }

    static Module head(LayerContext c, Head head, int features, int classes) {
        return head == Head.LLN ? new LinearNormalized(c, features, classes) : new FirstChannels(classes);
    }
}
