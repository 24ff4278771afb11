package org.robust4j.layers.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.optim.Adam;
import org.robust4j.core.optim.Optimizer;
import org.robust4j.core.optim.Sgd;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.support.Nd4jTestBackend;

/** Each optimizer against its update rule written out in doubles (PyTorch's definitions). */
class OptimizersTest {
    private final Backend b = Nd4jTestBackend.get();
    private final double[] w0 = {1.0, -2.0, 0.5};
    private final double[][] grads = {{0.1, 0.2, -0.3}, {-0.5, 0.4, 0.0}, {0.3, -0.1, 0.2}, {1.0, 1.0, -1.0}};

    private double[] run(java.util.function.Function<List<Parameter>, Optimizer> make) {
        Parameter p = new Parameter(Tensor.of(b, w0, 3));
        Optimizer opt = make.apply(List.of(p));
        for (double[] g : grads) {
            p.value().setGrad(Tensor.of(b, g, 3));
            opt.step();
        }
        return p.value().toDoubleArray();
    }

    @Test
    void sgdWithNesterovMomentumAndWeightDecay() {
        double lr = 0.1;
        double mu = 0.9;
        double wd = 0.01;
        double[] w = w0.clone();
        double[] buf = new double[3];
        for (int t = 0; t < grads.length; t++) {
            for (int i = 0; i < 3; i++) {
                double d = grads[t][i] + wd * w[i];
                buf[i] = t == 0 ? d : mu * buf[i] + d;
                w[i] -= lr * (d + mu * buf[i]);
            }
        }
        assertThat(run(ps -> new Sgd(ps, lr).momentum(mu).nesterov(true).weightDecay(wd))).containsExactly(w, within(1e-12));
    }

    @Test
    void plainSgd() {
        double[] w = w0.clone();
        for (double[] g : grads) {
            for (int i = 0; i < 3; i++) {
                w[i] -= 0.5 * g[i];
            }
        }
        assertThat(run(ps -> new Sgd(ps, 0.5))).containsExactly(w, within(1e-12));
    }

    private double[] adamReference(double lr, double b1, double b2, double eps, double wd, boolean decoupled) {
        double[] w = w0.clone();
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= grads.length; t++) {
            for (int i = 0; i < 3; i++) {
                double g = grads[t - 1][i];
                if (decoupled) {
                    w[i] *= 1 - lr * wd;
                } else {
                    g += wd * w[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mh = m[i] / (1 - Math.pow(b1, t));
                double vh = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mh / (Math.sqrt(vh) + eps);
            }
        }
        return w;
    }

    @Test
    void adamAndAdamW() {
        assertThat(run(ps -> new Adam(ps, 0.01).betas(0.5, 0.9).weightDecay(0.1)))
                .containsExactly(adamReference(0.01, 0.5, 0.9, 1e-8, 0.1, false), within(1e-12));
        assertThat(run(ps -> Adam.adamW(ps, 0.01)))
                .containsExactly(adamReference(0.01, 0.9, 0.999, 1e-8, 0.01, true), within(1e-12));
    }
}
