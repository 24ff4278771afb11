package org.robust4j.certify.bench;

import static org.robust4j.core.util.Checks.checkArgument;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.standard.Conv2d;
import org.robust4j.layers.standard.Flatten;
import org.robust4j.layers.standard.Linear;
import org.robust4j.layers.standard.ReLU;

/**
 * The peer suite's model (a): conv3x3(1->32, pad 1) ReLU conv3x3(32->64, stride 2, pad 1) ReLU
 * flatten linear(12544->10), with its weights read from the peer's fixtures (raw little-endian
 * float32 in PyTorch layouts, which are ours).
 */
final class PeerModelA {
    private PeerModelA() {}

    static final Map<String, int[]> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put("conv1.weight", new int[] {32, 1, 3, 3});
        SHAPES.put("conv1.bias", new int[] {32});
        SHAPES.put("conv2.weight", new int[] {64, 32, 3, 3});
        SHAPES.put("conv2.bias", new int[] {64});
        SHAPES.put("fc.weight", new int[] {10, 12544});
        SHAPES.put("fc.bias", new int[] {10});
    }

    /** Our names for the peer's parameters (Sequential positions). */
    private static final Map<String, String> OURS = Map.of("conv1.weight", "0.weight", "conv1.bias", "0.bias",
            "conv2.weight", "2.weight", "conv2.bias", "2.bias", "fc.weight", "5.weight", "fc.bias", "5.bias");

    static Sequential build(Backend b, DType dtype) {
        LayerContext c = LayerContext.of(b, 0).withDtype(dtype);
        return new Sequential(new Conv2d(c, 1, 32, 3, 1, 1), new ReLU(), new Conv2d(c, 32, 64, 3, 2, 1), new ReLU(),
                new Flatten(), new Linear(c, 12544, 10));
    }

    static Sequential load(Backend b, Path modelDir, DType dtype) throws IOException {
        Sequential m = build(b, dtype);
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : SHAPES.entrySet()) {
            float[] v = readF32(modelDir.resolve(e.getKey() + ".bin"), size(e.getValue()));
            state.put(OURS.get(e.getKey()), Tensor.of(b, v, e.getValue()).cast(dtype));
        }
        m.loadStateDict(state);
        m.eval();
        return m;
    }

    static float[] readF32(Path file, int expected) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        checkArgument(bytes.length == 4 * expected, "%s has %s bytes, expected %s float32 values", file, bytes.length,
                expected);
        float[] v = new float[expected];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    static int size(int[] shape) {
        int s = 1;
        for (int d : shape) {
            s *= d;
        }
        return s;
    }
}
