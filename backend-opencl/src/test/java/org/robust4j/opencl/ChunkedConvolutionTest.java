package org.robust4j.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;

/**
 * A batch too large for one column matrix is convolved in chunks (here forced by a 1 MiB
 * workspace): forward and both gradients equal the unchunked ones, uneven last chunk included.
 */
class ChunkedConvolutionTest {

    @Test
    void chunksGiveTheSameResults() {
        try (OpenClBackend whole = OpenClTestBackends.create();
             OpenClBackend chunked = OpenClTestBackends.create(OpenClOptions.defaults().withConvWorkspaceMib(1));
             Scope s = Scope.open()) {
            // 4 * 9 * 32 * 32 * 4 bytes = 147 KiB of columns per image: 7 images per 1 MiB chunk, 23 = 3 * 7 + 2.
            Conv2dSpec spec = new Conv2dSpec(1, 1, 1, 1, 1, 1, 2);
            Shape xs = Shape.of(23, 4, 32, 32);
            Shape ws = Shape.of(6, 2, 3, 3);
            double[][] results = new double[2][];
            int i = 0;
            for (OpenClBackend b : new OpenClBackend[] {whole, chunked}) {
                NDArray x = b.randomNormal(xs, DType.FLOAT32, 0, 1, 1);
                NDArray w = b.randomNormal(ws, DType.FLOAT32, 0, 1, 2);
                NDArray y = b.conv2d(x, w, spec);
                NDArray[] g = b.conv2dBackward(x, w, y, spec, true, true);
                results[i++] = concat(b.toDoubles(y), b.toDoubles(g[0]), b.toDoubles(g[1]));
            }
            assertThat(results[1]).hasSameSizeAs(results[0]);
            for (int k = 0; k < results[0].length; k++) {
                assertThat(results[1][k]).as("element %s", k)
                        .isCloseTo(results[0][k], org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, Math.abs(results[0][k]))));
            }
        }
    }

    private static double[] concat(double[]... parts) {
        int n = 0;
        for (double[] p : parts) {
            n += p.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
