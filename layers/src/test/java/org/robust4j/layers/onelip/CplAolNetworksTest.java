package org.robust4j.layers.onelip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.lipschitz.NetworkBound;
import org.robust4j.layers.lipschitz.NetworkLipschitz;
import org.robust4j.layers.support.JacobianNorm;
import org.robust4j.layers.support.Nd4jTestBackend;

class CplAolNetworksTest {
    private final Backend b = Nd4jTestBackend.get();
    private final LayerContext c = new LayerContext(b, new Generator(5), DType.FLOAT64);

    private Tensor randn(long seed, int... shape) {
        return Tensor.randn(b, new Generator(seed), DType.FLOAT64, shape);
    }

    @Test
    void cplNetworkIsOneLipschitzInEvalForBothShapes() {
        SllNetworks.Config tiny = new SllNetworks.Config(2, 2, 4, 3, 8, 3, 4, SllNetworks.Head.FIRST_CHANNELS);
        for (int[] in : new int[][] {{1, 28}, {3, 32}}) {
            Sequential net = CplNetworks.build(c, tiny, SpectralNormaliser.Method.POWER_ITERATION, in[0], in[1], 10);
            net.train();
            net.forward(randn(1, 2, in[0], in[1], in[1]));
            net.eval();
            assertThat(net.forward(randn(2, 2, in[0], in[1], in[1])).shape()).isEqualTo(Shape.of(2, 10));
            NetworkBound bound = NetworkLipschitz.bound(net, Shape.of(in[0], in[1], in[1]));
            assertThat(bound.complete()).as(bound.toString()).isTrue();
            assertThat(bound.value().getAsDouble()).as(bound.toString()).isCloseTo(1.0, within(1e-9));
        }
        SllNetworks.Config jac = new SllNetworks.Config(1, 1, 2, 2, 4, 3, 2, SllNetworks.Head.FIRST_CHANNELS);
        Sequential small = CplNetworks.build(c, jac, SpectralNormaliser.Method.GRAM, 1, 4, 3);
        small.eval();
        assertThat(JacobianNorm.exact(small::forward, randn(3, 1, 1, 4, 4))).isLessThanOrEqualTo(1 + 1e-6);
    }

    @Test
    void aolNetworkIsOneLipschitz() {
        AolNetworks.Config tiny = new AolNetworks.Config(2, 1, 2, 3, 2, SllNetworks.Head.FIRST_CHANNELS);
        Sequential net = AolNetworks.build(c, tiny, 1, 4, 3);
        for (var p : net.parameters()) {
            p.set(randn(p.value().size(), p.value().shape().toArray()));
        }
        assertThat(JacobianNorm.exact(net::forward, randn(4, 1, 1, 4, 4))).isLessThanOrEqualTo(1 + 1e-6);
        NetworkBound bound = NetworkLipschitz.bound(net, Shape.of(1, 4, 4));
        assertThat(bound.complete()).isTrue();
        assertThat(bound.value().getAsDouble()).isEqualTo(1.0);
        Sequential cifar = AolNetworks.build(c, new AolNetworks.Config(1, 1, 4, 3, 4, SllNetworks.Head.LLN), 3, 32, 10);
        assertThat(cifar.forward(randn(5, 1, 3, 32, 32)).shape()).isEqualTo(Shape.of(1, 10));
        assertThatThrownBy(() -> new AolNetworks.Config(1, 1, 3, 3, 2, SllNetworks.Head.LLN)).hasMessageContaining("even");
    }
}
