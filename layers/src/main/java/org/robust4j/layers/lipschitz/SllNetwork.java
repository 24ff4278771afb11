package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.standard.AvgPool2d;
import org.robust4j.layers.standard.Flatten;

/**
 * The SLL network of the paper's code ({@code LipschitzNetwork}): zero channel padding to
 * {@code width}, {@code convLayers} SLL convolutions at full resolution, a norm-preserving
 * average pooling ({@code pool x pool} window times {@code pool}), flatten, {@code denseLayers}
 * SLL dense layers, and the first-{@code classes} head. 1-Lipschitz in l2 by construction.
 *
 * @param width      channels after padding
 * @param convInner  inner channels of each SLL convolution (the paper's {@code conv_inner_dim}, 5)
 * @param kernel     odd kernel size of the convolutions (3 in the paper)
 * @param pool       pooling window and stride (4: 32x32 to 8x8, 28x28 to 7x7)
 * @param denseInner inner width of each SLL dense layer (2048 in the paper)
 */
public record SllNetwork(int width, int convLayers, int convInner, int kernel, int pool, int denseLayers,
                         int denseInner) {
    public SllNetwork {
        checkArgument(width > 0 && convLayers >= 0 && convInner > 0 && kernel % 2 == 1 && pool > 0 && denseLayers >= 0
                && denseInner > 0, "SllNetwork: bad configuration %s, %s, %s, %s, %s, %s, %s", width, convLayers, convInner,
                kernel, pool, denseLayers, denseInner);
    }

    /** The paper's sizes (S: 41M parameters on CIFAR-10). */
    public static SllNetwork paper(String size) {
        return switch (size) {
            case "s", "small" -> new SllNetwork(45, 20, 5, 3, 4, 7, 2048);
            case "m", "medium" -> new SllNetwork(60, 30, 5, 3, 4, 10, 2048);
            case "l", "large" -> new SllNetwork(90, 50, 5, 3, 4, 10, 2048);
            case "xl", "xlarge" -> new SllNetwork(120, 70, 5, 3, 4, 15, 2048);
            default -> throw new IllegalArgumentException("unknown SLL size '" + size + "': s, m, l or xl");
        };
    }

    /** Laptop-sized networks of the same shape, trainable on two CPU cores in minutes. */
    public static SllNetwork laptop(String size) {
        return switch (size) {
            case "xs", "tiny" -> new SllNetwork(8, 3, 8, 3, 4, 2, 256);
            case "s", "small" -> new SllNetwork(16, 4, 16, 3, 4, 2, 512);
            case "m", "medium" -> new SllNetwork(32, 6, 32, 3, 4, 3, 1024);
            case "l", "large" -> new SllNetwork(48, 10, 48, 3, 4, 4, 2048);
            default -> throw new IllegalArgumentException("unknown SLL size '" + size + "': xs, s, m or l");
        };
    }

    /** The network for {@code [inChannels, size, size]} images and {@code classes} classes. */
    public Module build(LayerContext c, int inChannels, int size, int classes) {
        checkArgument(inChannels <= width, "SllNetwork: %s input channels do not fit in width %s", inChannels, width);
        checkArgument(size % pool == 0, "SllNetwork: image size %s is not a multiple of the pooling %s", size, pool);
        int features = width * (size / pool) * (size / pool);
        checkArgument(features >= classes, "SllNetwork: %s features after pooling, fewer than %s classes", features,
                classes);
        List<Module> layers = new ArrayList<>();
        layers.add(new PaddingChannels(inChannels, width));
        for (int i = 0; i < convLayers; i++) {
            layers.add(new SllConv2d(c, width, convInner, kernel));
        }
        layers.add(AvgPool2d.normPreserving(pool));
        layers.add(new Flatten());
        for (int i = 0; i < denseLayers; i++) {
            layers.add(new SllDense(c, features, denseInner));
        }
        layers.add(new FirstChannels(classes));
        return new Sequential(layers);
    }
}
