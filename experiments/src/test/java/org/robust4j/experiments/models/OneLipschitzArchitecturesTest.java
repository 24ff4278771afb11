package org.robust4j.experiments.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.lipschitz.NetworkBound;
import org.robust4j.layers.lipschitz.NetworkLipschitz;
import org.robust4j.layers.onelip.FirstChannels;
import org.robust4j.layers.onelip.LinearNormalized;
import org.robust4j.experiments.testing.CliRun;

class OneLipschitzArchitecturesTest {
    private static final Map<String, String> TINY = Map.of("width", "4", "conv-layers", "1", "dense-layers", "1",
            "conv-inner", "2", "dense-inner", "8");

    @Test
    void familiesAreRegisteredWithThePapersLosses() {
        for (String f : new String[] {"sll", "cpl", "aol"}) {
            for (String n : new String[] {f, f + "-s", f + "-m", f + "-l"}) {
                Architecture a = Architectures.get(n);
                assertThat(a.defaultLoss()).isEqualTo(f.equals("cpl") ? "margin" : "offset-ce");
                assertThat(a.defaultSchedule()).isEqualTo("triangular");
            }
        }
        assertThat(Architectures.get("mlp").defaultLoss()).isEqualTo("ce");
    }

    @Test
    void buildsBoundedNetworksForMnistAndCifarShapes() {
        try (Backend b = Backends.create("nd4j"); Scope s = Scope.open()) {
            for (String name : new String[] {"sll", "cpl", "aol"}) {
                for (Shape in : new Shape[] {Shape.of(1, 28, 28), Shape.of(3, 32, 32)}) {
                    Module m = Architectures.build(LayerContext.of(b, 1), new ModelSpec(name, TINY, in, 10));
                    m.eval();
                    Tensor x = Tensor.randn(b, new Generator(2), DType.FLOAT32, 2, in.dim(0), in.dim(1), in.dim(2));
                    assertThat(m.forward(x).shape()).isEqualTo(Shape.of(2, 10));
                    NetworkBound bound = NetworkLipschitz.bound(m, in);
                    assertThat(bound.complete()).as(name + " " + bound).isTrue();
                }
            }
            Module first = Architectures.build(LayerContext.of(b, 1),
                    new ModelSpec("sll-m", Map.of("head", "first", "width", "4", "dense-inner", "8"), Shape.of(1, 28, 28), 10));
            assertThat(((org.robust4j.core.nn.Sequential) first).layers()).last().isInstanceOf(FirstChannels.class);
            Module lln = Architectures.build(LayerContext.of(b, 1), new ModelSpec("cpl", TINY, Shape.of(1, 28, 28), 10));
            assertThat(((org.robust4j.core.nn.Sequential) lln).layers()).last().isInstanceOf(LinearNormalized.class);
            assertThatThrownBy(() -> Architectures.build(LayerContext.of(b, 1),
                    new ModelSpec("sll", Map.of("head", "x"), Shape.of(1, 28, 28), 10))).hasMessageContaining("lln or first");
            assertThatThrownBy(() -> Architectures.build(LayerContext.of(b, 1),
                    new ModelSpec("aol", Map.of(), Shape.of(1, 28, 30), 10))).hasMessageContaining("square");
        }
    }

    @Test
    void trainUsesTheArchitecturesDefaultLossAndSchedule(@TempDir Path out) throws Exception {
        CliRun run = CliRun.of("train", "--model", "sll", "--dataset", "fashion-mnist-small", "--limit", "64", "--epochs", "1",
                "--batch-size", "32", "--model-option", "width=4", "--model-option", "conv-layers=1",
                "--model-option", "dense-layers=1", "--model-option", "dense-inner=8", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("loss").asText()).isEqualTo("offset-ce");
        assertThat(s.get("schedule").asText()).isEqualTo("triangular");
        // The model file alone rebuilds the SLL network: the same logits from two loads.
        try (Backend b = Backends.create("nd4j"); Scope scope = Scope.open()) {
            ModelFile.Loaded a = ModelFile.load(out.resolve("model.safetensors"), b);
            ModelFile.Loaded c = ModelFile.load(out.resolve("model.safetensors"), b);
            assertThat(a.spec().architecture()).isEqualTo("sll");
            a.model().eval();
            c.model().eval();
            Tensor x = Tensor.rand(b, new Generator(3), DType.FLOAT32, 4, 1, 28, 28);
            assertThat(c.model().forward(x).toFloatArray()).containsExactly(a.model().forward(x).toFloatArray());
        }
        CliRun explicit = CliRun.of("train", "--model", "cpl", "--dataset", "fashion-mnist-small", "--limit", "32",
                "--epochs", "1", "--loss", "ce", "--schedule", "constant", "--model-option", "width=2",
                "--model-option", "conv-layers=1", "--model-option", "dense-layers=1", "--model-option", "dense-inner=4",
                "--out", out.resolve("cpl").toString());
        assertThat(explicit.exitCode()).as(explicit.err()).isZero();
        JsonNode e = new ObjectMapper().readTree(out.resolve("cpl").resolve("summary.json").toFile());
        assertThat(e.get("loss").asText()).isEqualTo("ce");
        assertThat(e.get("schedule").asText()).isEqualTo("constant");
    }
}
