package org.robust4j.opencl;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import org.junit.jupiter.api.Test;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BackendProvider;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.inject.Robust4j;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * Swapping the backend is configuration only: {@code robust4j.backend = opencl} finds this
 * backend through the ServiceLoader and Guice, and the frontend trains on it.
 */
class BackendSelectionTest {

    @Test
    void registeredUnderItsName() {
        assertThat(Backends.names()).contains("opencl");
        BackendProvider p = Backends.provider("opencl");
        assertThat(p).isInstanceOf(OpenClProvider.class);
        assertThat(p.description()).contains("OpenCL");
        OpenClTestBackends.assumeAvailable();
        assertThat(p.unavailableReason()).isEmpty();
        try (Backend b = Backends.create("opencl")) {
            assertThat(b).isInstanceOf(OpenClBackend.class);
            assertThat(b.name()).isEqualTo("opencl");
        }
    }

    @Test
    void configurationPicksItThroughGuiceAndTheNetworkLearns() {
        OpenClTestBackends.assumeAvailable();
        Config config = ConfigFactory.load().withValue(Robust4j.BACKEND_KEY, ConfigValueFactory.fromAnyRef("opencl"));
        try (Backend b = Robust4j.injector(config).getInstance(Backend.class)) {
            assertThat(b).isInstanceOf(OpenClBackend.class);
            // A two-layer network fitting a smooth teacher: the loss must fall.
            Generator g = new Generator(7);
            DType f = DType.FLOAT32;
            Tensor x = Tensor.randn(b, g, f, 128, 8);
            Tensor y = x.matmul(Tensor.randn(b, g, f, 8, 1)).tanh();
            Tensor w1 = Tensor.randn(b, g, f, 8, 32).mul(0.3).detach().requiresGrad(true);
            Tensor b1 = Tensor.zeros(b, f, 32).requiresGrad(true);
            Tensor w2 = Tensor.randn(b, g, f, 32, 1).mul(0.3).detach().requiresGrad(true);
            Tensor[] params = {w1, b1, w2};
            double first = 0;
            double last = 0;
            for (int step = 0; step < 200; step++) {
                try (Scope s = Scope.open()) {
                    Tensor loss = x.matmul(w1).add(b1).relu().matmul(w2).sub(y).square().mean();
                    loss.backward();
                    last = loss.item();
                    if (step == 0) {
                        first = last;
                    }
                    try (GradMode.Restore r = Autograd.noGrad()) {
                        for (Tensor p : params) {
                            p.applyInPlace(BinaryOp.SUB, p.grad().mul(0.1));
                            p.zeroGrad();
                        }
                    }
                }
            }
            assertThat(last).as("loss after 200 steps (first %s)", first).isLessThan(first / 5);
        }
    }
}
