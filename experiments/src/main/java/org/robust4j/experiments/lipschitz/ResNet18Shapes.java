package org.robust4j.experiments.lipschitz;

import java.util.ArrayList;
import java.util.List;

/**
 * The 20 convolutions of a CIFAR-style ResNet-18 (He et al. 2016 with a 3x3 stem and no max
 * pooling, as the Gram-iteration and LipBound papers train on CIFAR-10): the stem, two basic
 * blocks per stage at 64, 128, 256, 512 channels, each later stage starting with a stride-2
 * block whose shortcut is a strided 1x1 convolution. Widths can be divided (for a quick run) and
 * the input size chosen; each stage halves the spatial size.
 */
final class ResNet18Shapes {
    private ResNet18Shapes() {}

    /**
     * @param input        input height and width (32 for CIFAR-10)
     * @param widthDivisor channels are {@code 64/widthDivisor, ...} (1 for the real network)
     * @param inChannels   image channels (3 for CIFAR-10)
     */
    static List<ConvLayerShape> layers(int input, int widthDivisor, int inChannels) {
        if (widthDivisor < 1 || 64 % widthDivisor != 0) {
            throw new IllegalArgumentException("ResNet-18 width divisor must divide 64, got " + widthDivisor);
        }
        List<ConvLayerShape> out = new ArrayList<>();
        int w0 = 64 / widthDivisor;
        out.add(new ConvLayerShape("conv1", w0, inChannels, 3, input, 1));
        int channels = w0;
        int n = input;
        for (int stage = 1; stage <= 4; stage++) {
            int width = w0 << (stage - 1);
            for (int block = 0; block < 2; block++) {
                int stride = stage > 1 && block == 0 ? 2 : 1;
                String p = "layer" + stage + "." + block + ".";
                out.add(new ConvLayerShape(p + "conv1", width, channels, 3, n, stride));
                int nOut = (n + 2 - 3) / stride + 1;
                out.add(new ConvLayerShape(p + "conv2", width, width, 3, nOut, 1));
                if (stride != 1 || channels != width) {
                    out.add(new ConvLayerShape(p + "downsample", width, channels, 1, n, stride));
                }
                channels = width;
                n = nOut;
            }
        }
        return out;
    }
}
