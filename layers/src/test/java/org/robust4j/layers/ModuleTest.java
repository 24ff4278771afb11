package org.robust4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.standard.BatchNorm;
import org.robust4j.layers.standard.Conv2d;
import org.robust4j.layers.standard.Dropout;
import org.robust4j.layers.standard.Flatten;
import org.robust4j.layers.standard.Linear;
import org.robust4j.layers.standard.ReLU;
import org.robust4j.layers.support.Nd4jTestBackend;

class ModuleTest {
    private final Backend b = Nd4jTestBackend.get();

    private Sequential net(long seed) {
        LayerContext c = LayerContext.of(b, seed);
        return new Sequential(new Conv2d(c, 1, 2, 3), BatchNorm.of2d(c, 2), new ReLU(), new Dropout(c, 0.1),
                new Flatten(), new Linear(c, 2 * 3 * 3, 4));
    }

    @Test
    void dottedNamesLikePyTorch() {
        assertThat(net(1).stateDict().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias",
                "1.running_mean", "1.running_var", "5.weight", "5.bias");
        assertThat(net(1).namedParameters().keySet()).containsExactly("0.weight", "0.bias", "1.weight", "1.bias",
                "5.weight", "5.bias");
    }

    @Test
    void loadStateDictCopiesValuesAndReportsEveryProblem() {
        Sequential a = net(1);
        Sequential c = net(2);
        Tensor x = Tensor.rand(b, new org.robust4j.core.random.Generator(3), DType.FLOAT32, 2, 1, 5, 5);
        a.eval();
        c.eval();
        c.loadStateDict(a.stateDict());
        assertThat(c.forward(x).toFloatArray()).containsExactly(a.forward(x).toFloatArray());

        Map<String, Tensor> bad = new LinkedHashMap<>(a.stateDict());
        bad.remove("0.bias");
        bad.put("extra", Tensor.zeros(b, DType.FLOAT32, 1));
        bad.put("5.weight", Tensor.zeros(b, DType.FLOAT32, 4, 17));
        Tensor before = c.stateDict().get("1.weight").copy();
        assertThatThrownBy(() -> c.loadStateDict(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing [0.bias]").hasMessageContaining("unexpected [extra]")
                .hasMessageContaining("5.weight has shape [4, 17]");
        assertThat(c.stateDict().get("1.weight").toFloatArray()).as("nothing changed").containsExactly(before.toFloatArray());
    }

    @Test
    void trainAndEvalReachEveryChild() {
        Sequential n = net(1);
        n.eval();
        assertThat(n.namedModules().values()).allMatch(m -> !m.isTraining());
        n.train();
        assertThat(n.namedModules().values()).allMatch(m -> m.isTraining());
    }

    @Test
    void sameSeedSameWeights() {
        assertThat(net(5).stateDict().get("5.weight").toFloatArray())
                .containsExactly(net(5).stateDict().get("5.weight").toFloatArray());
    }
}
