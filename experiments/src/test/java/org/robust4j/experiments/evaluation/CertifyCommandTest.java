package org.robust4j.experiments.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.experiments.models.Architecture;
import org.robust4j.experiments.models.Architectures;
import org.robust4j.experiments.models.ModelFile;
import org.robust4j.experiments.models.ModelSpec;
import org.robust4j.experiments.testing.CliRun;
import org.robust4j.experiments.testing.ProgressLines;
import org.robust4j.experiments.testing.TestBackends;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.standard.Flatten;
import org.robust4j.layers.standard.Linear;

/** {@code robust4j certify} end to end on a small MLP trained by {@code robust4j train}. */
class CertifyCommandTest {
    @TempDir
    static Path shared;
    static Path model;

    @BeforeAll
    static void trainModel() {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend is needed");
        model = TinyModel.train(shared.resolve("train"));
    }

    private static CliRun certify(Path modelFile, Path out, String method, String... more) {
        return certify(modelFile, out, 12, method, more);
    }

    private static CliRun certify(Path modelFile, Path out, int limit, String method, String... more) {
        List<String> args = new ArrayList<>(List.of("certify", "--model", modelFile.toString(), "--dataset",
                "fashion-mnist-small", "--method", method, "--sigma", "0.25", "--n0", "20", "--n", "300", "--alpha", "0.01",
                "--batch-size", "300", "--limit", String.valueOf(limit), "--seed", "4", "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void showsItsProgressPerSampleAndQuietSilencesIt(@TempDir Path out) throws Exception {
        try (ProgressLines lines = ProgressLines.capture()) {
            CliRun run = certify(model, out.resolve("a"), 5, "cohen");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(lines.get()).contains("certify cohen: started (5 samples)")
                    .anyMatch(l -> l.startsWith("certify cohen: 5/5 samples done in "));
        }
        try (ProgressLines lines = ProgressLines.capture()) {
            CliRun run = certify(model, out.resolve("b"), 5, "cohen", "--quiet");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(lines.get()).isEmpty();
        }
        JsonNode s = json(out.resolve("a").resolve("summary.json"));
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertThat(s.get("peak_rss_mib").asLong()).as("peak resident memory in MiB").isGreaterThan(50);
        }
    }

    @Test
    void cohenRadiiFollowFromTheVotesAndTheCurveFromTheRecords(@TempDir Path out) throws Exception {
        CliRun run = certify(model, out, "cohen");
        assertThat(run.exitCode()).as(run.err()).isZero();
        for (String f : new String[] {"records.csv", "records.json", "curve.csv", "curve.png", "summary.json"}) {
            assertThat(out.resolve(f)).exists();
        }
        JsonNode s = json(out.resolve("summary.json"));
        JsonNode records = json(out.resolve("records.json"));
        assertThat(s.get("method").asText()).isEqualTo("cohen");
        assertThat(records.size()).isEqualTo(12);
        NormalDistribution phi = new NormalDistribution(0, 1);
        int abstained = 0;
        for (JsonNode r : records) {
            long nA = r.get("n_a").asLong();
            // One-sided Clopper-Pearson lower bound: the alpha quantile of Beta(nA, n - nA + 1).
            double lower = nA == 0 ? 0 : new BetaDistribution(nA, 300 - nA + 1).inverseCumulativeProbability(0.01);
            assertThat(r.get("p_alower").asDouble()).isCloseTo(lower, within(1e-9));
            boolean abstain = !(lower > 0.5);
            assertThat(r.get("abstained").asBoolean()).isEqualTo(abstain);
            assertThat(r.get("radius").asDouble()).isCloseTo(abstain ? 0 : 0.25 * phi.inverseCumulativeProbability(lower),
                    within(1e-9));
            abstained += abstain ? 1 : 0;
        }
        assertThat(s.get("abstain_rate").asDouble()).isEqualTo(abstained / 12.0);
        JsonNode acc = s.get("certified_accuracy");
        assertThat(acc.size()).isEqualTo(7);
        for (var it = acc.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double radius = Double.parseDouble(e.getKey());
            long k = 0;
            for (JsonNode r : records) {
                k += !r.get("abstained").asBoolean() && r.get("prediction").asInt() == r.get("label").asInt()
                        && r.get("radius").asDouble() >= radius ? 1 : 0;
            }
            assertThat(e.getValue().asDouble()).as("r=%s", radius).isEqualTo(k / 12.0);
        }
        assertThat(acc.get("0.0").asDouble()).as("a trained model certifies something at radius 0").isPositive();
        assertThat(Files.readAllLines(out.resolve("curve.csv")).get(0)).isEqualTo("radius,certified_accuracy");
    }

    @Test
    void multiNoiseNeverCertifiesLessThanItsOwnCohenRadius(@TempDir Path out) throws Exception {
        CliRun run = certify(model, out, "multi-noise", "--probe-sigma", "0.3");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = json(out.resolve("summary.json"));
        assertThat(s.get("method").asText()).isEqualTo("multi-noise");
        assertThat(s.get("probe_sigma").asDouble()).isEqualTo(0.3);
        for (JsonNode r : json(out.resolve("records.json"))) {
            assertThat(r.get("radius").asDouble()).isGreaterThanOrEqualTo(r.get("abstained").asBoolean() ? 0
                    : r.get("cohen_radius").asDouble() - 1e-12);
        }
    }

    @Test
    void lipschitzBoundLiesBetweenAnEmpiricalRatioAndTheFrobeniusProduct(@TempDir Path out) throws Exception {
        CliRun run = certify(model, out, 50, "lipschitz");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode s = json(out.resolve("summary.json"));
        double bound = s.get("lipschitz_bound").asDouble();
        assertThat(s.get("abstain_rate").asDouble()).isZero();
        assertThat(s.get("certified_accuracy").has(String.valueOf(36 / 255.0))).isTrue();
        try (Backend b = Backends.create(TestBackends.DEFAULT); Scope scope = Scope.open()) {
            ModelFile.Loaded m = ModelFile.load(model, b);
            // Upper: the product of the weights' Frobenius norms bounds the product of their spectral norms.
            double frobenius = 1;
            for (Map.Entry<String, Tensor> e : m.model().stateDict().entrySet()) {
                if (e.getKey().endsWith("weight")) {
                    double ss = 0;
                    for (double v : e.getValue().toDoubleArray()) {
                        ss += v * v;
                    }
                    frobenius *= Math.sqrt(ss);
                }
            }
            assertThat(bound).isLessThanOrEqualTo(frobenius * (1 + 1e-9));
            // Lower: no bound is below ||f(x) - f(y)|| / ||x - y|| for nearby test images.
            TestSubset subset = TestSubset.first(Datasets.load("fashion-mnist-small", null).test(), 50);
            Tensor x = subset.features(b);
            Tensor y = x.add(Tensor.randn(b, new Generator(9), x.dtype(), x.shape().toArray()).mul(0.01));
            double[] fx = m.model().forward(x).toDoubleArray();
            double[] fy = m.model().forward(y).toDoubleArray();
            double[] xs = x.toDoubleArray();
            double[] ys = y.toDoubleArray();
            int c = fx.length / 50;
            int d = xs.length / 50;
            for (int i = 0; i < 50; i++) {
                double num = 0;
                double den = 0;
                for (int j = 0; j < c; j++) {
                    num += Math.pow(fx[i * c + j] - fy[i * c + j], 2);
                }
                for (int j = 0; j < d; j++) {
                    den += Math.pow(xs[i * d + j] - ys[i * d + j], 2);
                }
                assertThat(Math.sqrt(num / den)).isLessThanOrEqualTo(bound * (1 + 1e-4));
            }
        }
        // Each radius is the logit margin over sqrt(2) L.
        for (JsonNode r : json(out.resolve("records.json"))) {
            assertThat(r.get("radius").asDouble()).isCloseTo(r.get("margin").asDouble() / (Math.sqrt(2) * bound), within(1e-9));
        }
    }

    /** A layer NetworkLipschitz has no rule for. */
    static final class Cube extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return x.mul(x).mul(x);
        }
    }

    @Test
    void lipschitzWithAnUnboundedLayerExitsTwoNamingIt(@TempDir Path dir) throws Exception {
        Architectures.register(new Architecture() {
            @Override
            public String name() {
                return "test-cube";
            }

            @Override
            public String description() {
                return "linear, cube, linear (test only)";
            }

            @Override
            public Module build(LayerContext c, ModelSpec s) {
                return new Sequential(new Flatten(), new Linear(c, 784, 8), new Cube(), new Linear(c, 8, 10));
            }
        });
        Path file = dir.resolve("cube.safetensors");
        try (Backend b = Backends.create(TestBackends.DEFAULT)) {
            ModelSpec spec = new ModelSpec("test-cube", Map.of(), Shape.of(1, 28, 28), 10);
            ModelFile.save(file, Architectures.build(LayerContext.of(b, new Generator(1)), spec), spec, Map.of());
        }
        CliRun run = certify(file, dir.resolve("o"), "lipschitz");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("layer(s) 2 Cube");
        assertThat(Files.exists(dir.resolve("o"))).isFalse();
    }

    @Test
    void badInputExitsTwoWithOneLine(@TempDir Path dir) {
        Path out = dir.resolve("o");
        for (String[] extra : new String[][] {{"--alpha", "2"}, {"--n", "0"}, {"--sigma", "-1"}, {"--limit", "-3"}}) {
            CliRun run = certify(model, out, "cohen", extra);
            assertThat(run.exitCode()).as(String.join(" ", extra)).isEqualTo(2);
            assertThat(run.errLines()).hasSize(1);
        }
        CliRun unknown = certify(model, out, "magic");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("magic");
        assertThat(Files.exists(out)).isFalse();
    }
}
