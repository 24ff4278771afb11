package org.robust4j.spark.certify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.certify.lipschitz.LipschitzMarginCertificate;
import org.robust4j.certify.lipschitz.LipschitzRecord;
import org.robust4j.certify.smoothing.CertifyRecord;
import org.robust4j.certify.smoothing.SmoothedClassifier;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.experiments.models.Architectures;
import org.robust4j.experiments.models.ModelFile;
import org.robust4j.experiments.models.ModelSpec;
import org.robust4j.layers.LayerContext;
import org.robust4j.experiments.report.JsonReport;
import org.robust4j.spark.data.Item;
import org.robust4j.spark.data.Items;
import org.robust4j.spark.support.TestFixtures;

class DistributedCertificationTest {
    private static final Shape ITEM = Shape.of(1, 28, 28);
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestFixtures.spark("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static CertifyMethod.Smoothing smoothing() {
        return new CertifyMethod.Smoothing("gaussian", 0.25, 10, 100, 0.01, 50, 7);
    }

    /** The single-machine run, through the certify module's own driver over one stacked tensor. */
    static List<CertifyRecord> singleMachine(List<Item> items, CertifyMethod.Smoothing m) throws IOException {
        Backend b = TestFixtures.backend();
        try (Scope s = Scope.open()) {
            SmoothedClassifier g = new SmoothedClassifier(ModelFile.load(TestFixtures.model(), b).model(), m.noise());
            Tensor x = Items.stack(b, items, ITEM);
            return g.certifyAll(x, Items.labels(items), items.get(0).index(), m.params());
        }
    }

    @Test
    void smoothingOnLocal2GivesTheSingleMachineRecordsAndReports(@TempDir Path out) throws IOException {
        DistributedCertification job = new DistributedCertification(TestFixtures.model(), "fashion-mnist-small", null, 0,
                200, smoothing(), "nd4j", 4);
        DistributedCertification.Result r = job.run(spark, out);

        List<CertifyRecord> expected = singleMachine(job.items(), smoothing());
        assertThat(r.records()).containsExactlyElementsOf(expected);
        assertThat(job.runLocally(TestFixtures.backend())).containsExactlyElementsOf(expected);
        assertThat(r.computed()).isEqualTo(200);
        assertThat(r.resumed()).isZero();

        // The model is trained: the smoothed classifier certifies a good share of the items.
        long correct = expected.stream().filter(c -> !c.abstained() && c.prediction() == c.label()).count();
        assertThat(correct).isGreaterThan(60);
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = JsonReport.mapper().readValue(out.resolve("summary.json").toFile(), Map.class);
        assertThat(summary).containsEntry("method", "smoothing").containsEntry("samples", 200)
                .containsEntry("items_computed", 200).containsEntry("spark_master", "local[2]");
        assertThat((Double) summary.get("clean_accuracy")).isEqualTo(correct / 200.0);
        long certifiedAtHalf = expected.stream().filter(c -> !c.abstained() && c.prediction() == c.label()
                && c.radius() >= 0.5).count();
        @SuppressWarnings("unchecked")
        Map<String, Object> curve = (Map<String, Object>) summary.get("certified_accuracy");
        assertThat(curve).containsEntry("0.5", certifiedAtHalf / 200.0);
        assertThat(out.resolve("certified_accuracy.png")).isNotEmptyFile();
        assertThat(out.resolve("report.md")).isNotEmptyFile();
        assertThat(Files.readAllLines(out.resolve("records.csv"))).hasSize(201);
        assertThat(spark.read().parquet(out.resolve("records").toString()).count()).isEqualTo(200);
    }

    @Test
    void lipschitzMarginOnLocal2GivesTheSingleMachineRecords(@TempDir Path out) throws IOException {
        DistributedCertification job = new DistributedCertification(TestFixtures.model(), "fashion-mnist-small", null, 100,
                150, new CertifyMethod.LipschitzMargin(4.0, 32), null, 3);
        DistributedCertification.Result r = job.run(spark, out);

        List<Item> items = job.items();
        List<LipschitzRecord> expected;
        Backend b = TestFixtures.backend();
        try (Scope s = Scope.open()) {
            expected = new LipschitzMarginCertificate(4.0).certify(ModelFile.load(TestFixtures.model(), b).model(),
                    Items.stack(b, items, ITEM), Items.labels(items), 150, 100);
        }
        // Partitions batch the items differently (32 per batch within each partition) from the single
        // machine run, and a GEMM's float32 summation order follows its shape: margins agree to
        // float32 rounding, everything else exactly.
        assertThat(r.records()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            LipschitzRecord got = (LipschitzRecord) r.records().get(i);
            LipschitzRecord want = expected.get(i);
            assertThat(List.of(got.index(), got.label(), got.prediction())).as("record %d", i)
                    .isEqualTo(List.of(want.index(), want.label(), want.prediction()));
            assertThat(got.margin()).as("margin %d", i).isCloseTo(want.margin(), within(1e-5 * (1 + Math.abs(want.margin()))));
            assertThat(got.radius()).as("radius %d", i).isCloseTo(want.radius(), within(1e-5 * (1 + want.radius())));
        }
        assertThat(r.summary().get("backend")).isEqualTo("robust4j.backend of each executor");
    }

    @Test
    void aSecondRunResumesAndComputesOnlyTheMissingItems(@TempDir Path out) throws IOException {
        new DistributedCertification(TestFixtures.model(), "fashion-mnist-small", null, 0, 60, smoothing(), "nd4j", 2)
                .run(spark, out);
        // A run that died before its commit left a staging directory: the next run must ignore and remove it.
        Files.createDirectories(out.resolve("records.staging-dead").resolve("part-0.parquet"));

        DistributedCertification all = new DistributedCertification(TestFixtures.model(), "fashion-mnist-small", null, 0,
                100, smoothing(), "nd4j", 2);
        DistributedCertification.Result second = all.run(spark, out);
        assertThat(second.computed()).isEqualTo(40);
        assertThat(second.resumed()).isEqualTo(60);
        assertThat(second.records()).containsExactlyElementsOf(singleMachine(all.items(), smoothing()));
        assertThat(out.resolve("records.staging-dead")).doesNotExist();

        DistributedCertification.Result third = all.run(spark, out);
        assertThat(third.computed()).isZero();
        assertThat(third.records()).containsExactlyElementsOf(second.records());
        assertThat(spark.read().parquet(out.resolve("records").toString()).count()).isEqualTo(100);
    }

    @Test
    void aRunWithOtherParametersRefusesTheOutputOfAnotherJob(@TempDir Path out) throws IOException {
        new DistributedCertification(TestFixtures.model(), "fashion-mnist-small", null, 0, 10, smoothing(), "nd4j", 2)
                .run(spark, out);
        CertifyMethod.Smoothing otherSeed = new CertifyMethod.Smoothing("gaussian", 0.25, 10, 100, 0.01, 50, 8);
        assertThatThrownBy(() -> new DistributedCertification(TestFixtures.model(), "fashion-mnist-small", null, 0, 10,
                otherSeed, "nd4j", 2).run(spark, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another job");
    }

    @Test
    void anOutputPathWithGlobCharactersIsReadAsItIs(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("cert-local[2]{a,b}*");
        DistributedCertification job = new DistributedCertification(TestFixtures.model(), "fashion-mnist-small", null, 0,
                6, new CertifyMethod.LipschitzMargin(1.0, 4), "nd4j", 2);
        assertThat(job.run(spark, out).records()).hasSize(6);
        assertThat(job.run(spark, out).resumed()).isEqualTo(6);
    }

    @Test
    void aModelForOtherInputsIsRefusedNamingBothShapes(@TempDir Path dir) throws IOException {
        Path small = dir.resolve("mlp14.safetensors");
        ModelSpec spec = new ModelSpec("mlp", Map.of("hidden", "8"), Shape.of(1, 14, 14), 10);
        try (Scope s = Scope.open()) {
            ModelFile.save(small, Architectures.build(LayerContext.of(TestFixtures.backend(), 1), spec), spec, Map.of());
        }
        assertThatThrownBy(() -> new DistributedCertification(small, "fashion-mnist-small", null, 0, 4, smoothing(), "nd4j",
                2).run(spark, dir.resolve("out"))).hasMessageContaining("takes inputs [1, 14, 14]")
                .hasMessageContaining("[1, 28, 28]");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> new CertifyMethod.Smoothing("cauchy", 0.25, 10, 100, 0.01, 50, 7))
                .hasMessageContaining("unknown noise 'cauchy'");
        assertThatThrownBy(() -> new DistributedCertification(TestFixtures.model(), "fashion-mnist-small", null, 1990, 20,
                smoothing(), "nd4j", 2).items()).hasMessageContaining("the dataset has 2000");
        assertThatThrownBy(() -> new DistributedCertification(TestFixtures.model(), "fashion-mnist-small", null, 0, 10,
                smoothing(), "nd4j", 0)).hasMessageContaining("partitions must be positive");
    }
}
