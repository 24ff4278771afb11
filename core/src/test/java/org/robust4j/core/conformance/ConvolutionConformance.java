package org.robust4j.core.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.robust4j.core.backend.Conv2dSpec;
import org.robust4j.core.backend.NDArray;
import org.robust4j.core.conformance.support.FloatTypes;
import org.robust4j.core.conformance.support.Host;
import org.robust4j.core.conformance.support.NaiveLinalg;
import org.robust4j.core.conformance.support.NaiveLinalg.Geometry;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/** conv2d, its two gradients and the fused backward, against a direct seven-loop convolution. */
public abstract class ConvolutionConformance extends ConformanceBase {

    /** One convolution problem: input {@code [n, cin, h, w]}, kernel {@code [cout, cin/groups, kh, kw]}, geometry. */
    public record Case(String name, int n, int cin, int h, int w, int cout, int kh, int kw,
                       int sh, int sw, int ph, int pw, int dh, int dw, int groups) {
        Shape x() {
            return Shape.of(n, cin, h, w);
        }

        Shape k() {
            return Shape.of(cout, cin / groups, kh, kw);
        }

        Conv2dSpec spec() {
            return new Conv2dSpec(sh, sw, ph, pw, dh, dw, groups);
        }

        Geometry geometry() {
            return new Geometry(sh, sw, ph, pw, dh, dw, groups);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> problems() {
        return Stream.of(
                new Case("basic 3x3", 1, 1, 5, 5, 1, 3, 3, 1, 1, 0, 0, 1, 1, 1),
                new Case("cin!=cout, 3x2 kernel, pad 1, batch 2", 2, 3, 7, 6, 4, 3, 2, 1, 1, 1, 1, 1, 1, 1),
                new Case("stride 2, pad 1, groups 2", 2, 4, 9, 8, 6, 3, 3, 2, 2, 1, 1, 1, 1, 2),
                new Case("stride 3, pad 2, 2x3 kernel", 1, 3, 8, 7, 5, 2, 3, 3, 3, 2, 2, 1, 1, 1),
                new Case("dilation 2, pad 2", 2, 2, 9, 9, 3, 3, 3, 1, 1, 2, 2, 2, 2, 1),
                new Case("depthwise (groups = channels)", 2, 4, 6, 5, 4, 3, 3, 1, 1, 1, 1, 1, 1, 4),
                new Case("depthwise x2, stride 2, dilation 2x1", 1, 3, 7, 6, 6, 3, 2, 2, 2, 0, 0, 2, 1, 3),
                new Case("1x1 kernel", 2, 5, 4, 3, 2, 1, 1, 1, 1, 0, 0, 1, 1, 1),
                new Case("kernel as large as the input", 2, 2, 3, 3, 3, 3, 3, 1, 1, 0, 0, 1, 1, 1),
                new Case("stride 2x3, pad 1x0, dilation 1x2", 1, 2, 8, 9, 3, 2, 3, 2, 3, 1, 0, 1, 2, 1),
                new Case("stride 2 leaves the last row out, batch 3", 3, 1, 5, 4, 1, 2, 2, 2, 2, 0, 0, 1, 1, 1),
                new Case("1x1 input, pad 2", 1, 2, 1, 1, 2, 3, 3, 1, 1, 2, 2, 1, 1, 1),
                new Case("odd sizes, stride 3, pad 1, groups 2", 2, 6, 11, 7, 4, 3, 3, 3, 3, 1, 1, 1, 1, 2),
                new Case("empty batch", 0, 2, 5, 5, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1));
    }

    Stream<Arguments> cases() {
        return problems().flatMap(c -> Stream.of(Arguments.of(c, DType.FLOAT32), Arguments.of(c, DType.FLOAT64)));
    }

    private Shape outShape(Case c) {
        Geometry g = c.geometry();
        return Shape.of(c.n(), c.cout(), g.outH(c.h(), c.kh()), g.outW(c.w(), c.kw()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    public void conv2d(Case c, DType dt) {
        Host x = uniform(dt, 1, -1, 1, c.x().toArray());
        Host w = uniform(dt, 2, -1, 1, c.k().toArray());
        Host expected = NaiveLinalg.conv2d(x, w, c.geometry());
        for (Layout layout : Layout.values()) {
            assertClose("conv2d " + c + " " + layout,
                    backend.conv2d(put(x, dt, layout), put(w, dt, layout), c.spec()), dt, expected);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    public void conv2dInputGrad(Case c, DType dt) {
        Host gy = uniform(dt, 3, -1, 1, outShape(c).toArray());
        Host w = uniform(dt, 4, -1, 1, c.k().toArray());
        Host expected = NaiveLinalg.conv2dInputGrad(gy, w, c.x(), c.geometry());
        for (Layout layout : Layout.values()) {
            assertClose("conv2dInputGrad " + c + " " + layout,
                    backend.conv2dInputGrad(put(gy, dt, layout), put(w, dt, layout), c.x(), c.spec()), dt, expected);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    public void conv2dWeightGrad(Case c, DType dt) {
        Host x = uniform(dt, 5, -1, 1, c.x().toArray());
        Host gy = uniform(dt, 6, -1, 1, outShape(c).toArray());
        Host expected = NaiveLinalg.conv2dWeightGrad(x, gy, c.k(), c.geometry());
        for (Layout layout : Layout.values()) {
            assertClose("conv2dWeightGrad " + c + " " + layout,
                    backend.conv2dWeightGrad(put(x, dt, layout), put(gy, dt, layout), c.k(), c.spec()), dt, expected);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    public void conv2dBackward(Case c, DType dt) {
        Host x = uniform(dt, 7, -1, 1, c.x().toArray());
        Host w = uniform(dt, 8, -1, 1, c.k().toArray());
        Host gy = uniform(dt, 9, -1, 1, outShape(c).toArray());
        Host dx = NaiveLinalg.conv2dInputGrad(gy, w, c.x(), c.geometry());
        Host dw = NaiveLinalg.conv2dWeightGrad(x, gy, c.k(), c.geometry());
        NDArray xa = put(x, dt);
        NDArray wa = put(w, dt);
        NDArray ga = put(gy, dt, Layout.PERMUTED);

        NDArray[] both = backend.conv2dBackward(xa, wa, ga, c.spec(), true, true);
        assertThat(both).hasSize(2);
        assertClose("conv2dBackward input gradient " + c, both[0], dt, dx);
        assertClose("conv2dBackward weight gradient " + c, both[1], dt, dw);

        NDArray[] inputOnly = backend.conv2dBackward(xa, wa, ga, c.spec(), true, false);
        assertClose("conv2dBackward input only " + c, inputOnly[0], dt, dx);
        assertThat(inputOnly[1]).as("weight gradient not asked for").isNull();

        NDArray[] weightOnly = backend.conv2dBackward(xa, wa, ga, c.spec(), false, true);
        assertThat(weightOnly[0]).as("input gradient not asked for").isNull();
        assertClose("conv2dBackward weight only " + c, weightOnly[1], dt, dw);
    }

    /** The three maps are adjoint: {@code <conv(x, w), g> = <x, inputGrad(g, w)> = <w, weightGrad(x, g)>}. */
    @FloatTypes
    public void gradientsAreAdjointsOfTheForward(DType dt) {
        problems().forEach(c -> {
            Host x = uniform(dt, 10, -1, 1, c.x().toArray());
            Host w = uniform(dt, 11, -1, 1, c.k().toArray());
            Host g = uniform(dt, 12, -1, 1, outShape(c).toArray());
            double yg = dot(get(backend.conv2d(put(x, dt), put(w, dt), c.spec())), g);
            double xdx = dot(x, get(backend.conv2dInputGrad(put(g, dt), put(w, dt), c.x(), c.spec())));
            double wdw = dot(w, get(backend.conv2dWeightGrad(put(x, dt), put(g, dt), c.k(), c.spec())));
            double tol = (dt == DType.FLOAT32 ? 1e-4 : 1e-10) * Math.max(1, Math.abs(yg));
            assertThat(xdx).as("<x, inputGrad(g, w)> vs <conv(x, w), g> for " + c).isCloseTo(yg, offset(tol));
            assertThat(wdw).as("<w, weightGrad(x, g)> vs <conv(x, w), g> for " + c).isCloseTo(yg, offset(tol));
        });
    }

    private static double dot(Host a, Host b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.data[i] * b.data[i];
        }
        return s;
    }
}
