package org.robust4j.benchmarks.compare;

import java.util.LinkedHashMap;
import java.util.Map;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.standard.Conv2d;
import org.robust4j.layers.structured.DiagonalCirculant;

/**
 * One layer's forward and backward (gradients to the input and every parameter, from a fixed
 * random upstream gradient), milliseconds per call: the diagonal-circulant layer at n = 4096 on a
 * batch of 128, or a 3x3 convolution with bias (16 -> 32 channels, padding 1) on [128, 16, 28, 28].
 * The check is the input gradient's sum of squares.
 */
final class LayerRow extends Row {
    enum Kind { DC, CONV2D }

    private final Kind kind;

    LayerRow(Kind kind) {
        super(kind == Kind.DC ? "dc-4096" : "conv2d", "ms", false,
                kind == Kind.DC ? "diagonal-circulant layer n = 4096, batch 128, forward + backward"
                        : "conv2d 3x3 [128,16,28,28] -> 32 channels, padding 1, forward + backward");
        this.kind = kind;
    }

    @Override
    RowResult run(Bench bench) {
        Backend b = bench.backend();
        LayerContext c = LayerContext.of(b, 1);
        Generator g = new Generator(2);
        Module layer;
        Tensor x;
        Tensor gradOut;
        Map<String, Object> params = new LinkedHashMap<>();
        if (kind == Kind.DC) {
            layer = new DiagonalCirculant(c, 4096);
            x = Scope.untracked(() -> Tensor.randn(b, g, DType.FLOAT32, 128, 4096).requiresGrad(true));
            gradOut = Scope.untracked(() -> Tensor.randn(b, g, DType.FLOAT32, 128, 4096));
            params.put("n", 4096);
            params.put("batch", 128);
        } else {
            layer = new Conv2d(c, 16, 32, 3, 1, 1);
            x = Scope.untracked(() -> Tensor.randn(b, g, DType.FLOAT32, 128, 16, 28, 28).requiresGrad(true));
            gradOut = Scope.untracked(() -> Tensor.randn(b, g, DType.FLOAT32, 128, 32, 28, 28));
            params.put("input", new int[] {128, 16, 28, 28});
            params.put("weight", new int[] {32, 16, 3, 3});
            params.put("padding", 1);
        }
        double[] gradSquares = {Double.NaN};
        GatedTimer.Timing t = bench.timer().time(() -> {
            try (Scope s = Scope.open()) {
                layer.zeroGrad();
                x.zeroGrad();
                layer.forward(x).backward(gradOut);
                bench.sync();
            }
        });
        try (Scope s = Scope.open()) {
            gradSquares[0] = x.grad().square().sum().item();
        }
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("input_grad_sum_squares", gradSquares[0]);
        return RowResult.millis(t, params, check);
    }
}
