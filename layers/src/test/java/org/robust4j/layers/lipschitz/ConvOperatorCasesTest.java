package org.robust4j.layers.lipschitz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.PadMode;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.support.Nd4jTestBackend;
import org.robust4j.layers.support.OperatorMatrix;

/**
 * Acceptance test of issue 4: on random small convolutions (mixed channels, kernels 1-7 including
 * non-square ones and kernels larger than the input, stride 1-2, zero and circular padding), every
 * routine is held against the largest singular value of the explicit operator matrix (built
 * from a naive convolution loop, {@link OperatorMatrix}): exact results to 1e-9 relative, upper
 * bounds never below, estimates never above. FLOAT64 throughout.
 */
class ConvOperatorCasesTest {
    private static final int CASES = 300;
    private static final double TOL = 1e-9;

    private final Backend b = Nd4jTestBackend.get();

    record Case(int co, int ci, int kh, int kw, int h, int w, int stride, int padH, int padW, PadMode mode) {
        ConvGeometry geometry() {
            return new ConvGeometry(h, w, stride, padH, padW, mode);
        }

        boolean valid() {
            return Math.floorDiv(h + 2 * padH - kh, stride) >= 0 && Math.floorDiv(w + 2 * padW - kw, stride) >= 0;
        }
    }

    static List<Case> cases() {
        Random r = new Random(4);
        List<Case> out = new ArrayList<>();
        while (out.size() < CASES) {
            int co = 1 + r.nextInt(3);
            int ci = 1 + r.nextInt(3);
            int stride = 1 + r.nextInt(2);
            PadMode mode = r.nextBoolean() ? PadMode.CIRCULAR : PadMode.ZERO;
            int kh;
            int kw;
            int h;
            int w;
            int padH;
            int padW;
            if (mode == PadMode.CIRCULAR && r.nextInt(3) < 2) {
                // The torus setting, where the FFT routines are exact: odd kernels, "same" padding,
                // stride dividing the size.
                kh = 1 + 2 * r.nextInt(4);
                kw = r.nextInt(4) == 0 ? kh : 1 + 2 * r.nextInt(4);
                h = stride * (1 + r.nextInt(7 / stride));
                w = stride * (1 + r.nextInt(7 / stride));
                padH = kh / 2;
                padW = kw / 2;
            } else {
                kh = 1 + r.nextInt(7);
                kw = r.nextInt(3) == 0 ? kh : 1 + r.nextInt(7);
                h = 1 + r.nextInt(7);
                w = 1 + r.nextInt(7);
                boolean same = r.nextBoolean();
                padH = same ? kh / 2 : r.nextInt(kh);
                padW = same ? kw / 2 : r.nextInt(kw);
            }
            Case c = new Case(co, ci, kh, kw, h, w, stride, padH, padW, mode);
            if (c.valid()) {
                out.add(c);
            }
        }
        return out;
    }

    @Test
    void everyRoutineAgainstTheExplicitOperatorMatrix() {
        Random values = new Random(44);
        int exact = 0;
        int nonSquare = 0;
        int largerThanInput = 0;
        for (Case c : cases()) {
            double[] k = new double[c.co * c.ci * c.kh * c.kw];
            for (int i = 0; i < k.length; i++) {
                k[i] = values.nextGaussian();
            }
            double truth = OperatorMatrix.largestSingularValue(OperatorMatrix.conv(k, c.co, c.ci, c.kh, c.kw, c.h, c.w,
                    c.stride, c.padH, c.padW, c.mode == PadMode.CIRCULAR));
            Tensor kernel = Tensor.of(b, k, c.co, c.ci, c.kh, c.kw);
            ConvGeometry g = c.geometry();
            String at = c + " truth " + truth;

            List<SpectralNorm> exacts = c.stride == 1 ? List.of(new ExactSpectralNorm().conv(kernel, g))
                    : List.of(new ExactSpectralNorm().conv(kernel, g), new ExactSpectralNorm().strideOneBound().conv(kernel, g));
            for (SpectralNorm s : exacts) {
                if (s.kind() == SpectralNorm.Kind.EXACT) {
                    assertThat(s.value()).as("exact " + at).isCloseTo(truth, org.assertj.core.data.Offset.offset(TOL * truth + 1e-300));
                    exact++;
                } else {
                    assertThat(s.kind()).isEqualTo(SpectralNorm.Kind.UPPER);
                    assertUpper(s, truth, at);
                }
            }
            SpectralNorm gram = new GramIteration(6).conv(kernel, g);
            assertUpper(gram, truth, at);
            if (c.stride > 1) {
                assertUpper(new GramIteration(4).strideOneBound().conv(kernel, g), truth, at);
            }
            assertUpper(new SpatialGramBound(2).conv(kernel, g), truth, at);
            assertUpper(new LipBound(50).conv(kernel, g), truth, at);
            assertUpper(new SinglaFeiziBound(4).conv(kernel, g), truth, at);
            SpectralNorm power = new PowerIteration(10).conv(kernel, g);
            assertThat(power.kind()).isEqualTo(SpectralNorm.Kind.ESTIMATE);
            assertThat(power.value()).as("power " + at).isLessThanOrEqualTo(truth * (1 + TOL));
            nonSquare += c.kh != c.kw ? 1 : 0;
            largerThanInput += c.kh > c.h || c.kw > c.w ? 1 : 0;
        }
        assertThat(exact).as("exact cases").isGreaterThanOrEqualTo(100);
        assertThat(nonSquare).isGreaterThanOrEqualTo(100);
        assertThat(largerThanInput).isGreaterThanOrEqualTo(30);
    }

    private static void assertUpper(SpectralNorm s, double truth, String at) {
        assertThat(s.kind().boundsFromAbove()).as(s.method() + " kind " + at).isTrue();
        assertThat(s.value()).as(s.method() + " " + at).isGreaterThanOrEqualTo(truth * (1 - TOL));
    }
}
