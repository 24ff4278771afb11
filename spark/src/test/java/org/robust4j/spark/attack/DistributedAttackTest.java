package org.robust4j.spark.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.attacks.Attacks;
import org.robust4j.attacks.eval.AttackOutcomes;
import org.robust4j.attacks.eval.RobustEvaluation;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.Dataset;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.experiments.datasets.Datasets;
import org.robust4j.experiments.models.ModelFile;
import org.robust4j.spark.data.Item;
import org.robust4j.spark.data.Items;
import org.robust4j.spark.support.TestFixtures;

class DistributedAttackTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestFixtures.spark("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void fgsmOnLocal2GivesTheAttackModulesOwnEvaluation(@TempDir Path out) throws IOException {
        AttackMethod fgsm = new AttackMethod("fgsm", 0.05, 0, 1, 0);
        DistributedAttack job = new DistributedAttack(TestFixtures.model(), "fashion-mnist-small", null, 0, 100, fgsm,
                "nd4j", 3);
        DistributedAttack.Result r = job.run(spark, out);

        // The attacks module's evaluation over the stacked items (FGSM draws nothing, so no generator).
        Dataset test = Datasets.load("fashion-mnist-small", null).test();
        List<Item> items = Items.range(test, 0, 100);
        Backend b = TestFixtures.backend();
        AttackOutcomes o;
        try (Scope s = Scope.open()) {
            RobustEvaluation.Entry e = RobustEvaluation.at(Attacks.named("fgsm", 0.05, 0, 1), 0.05);
            Tensor x = Items.stack(b, items, Shape.of(1, 28, 28));
            Tensor y = Tensor.ofLongs(b, items.stream().mapToLong(Item::label).toArray(), items.size());
            o = RobustEvaluation.of(List.of(e)).withBatchSize(1).outcomes(ModelFile.load(TestFixtures.model(), b).model(),
                    x, y, e, null);
        }
        for (int i = 0; i < 100; i++) {
            AttackRecord a = r.records().get(i);
            assertThat(a.index()).isEqualTo(i);
            assertThat(a.label()).isEqualTo((int) o.label()[i]);
            assertThat(a.clean()).isEqualTo((int) o.clean()[i]);
            assertThat(a.adversarial()).isEqualTo((int) o.adversarial()[i]);
            assertThat(a.broken()).isEqualTo(o.broken()[i]);
            assertThat(a.distance()).isEqualTo(o.distance()[i]);
        }
        assertThat((Double) r.summary().get("robust_accuracy")).isEqualTo(o.robustAccuracy());
        assertThat((Double) r.summary().get("clean_accuracy")).isEqualTo(o.cleanAccuracy());
        assertThat(o.robustAccuracy()).isLessThan(o.cleanAccuracy());
        assertThat(out.resolve("records.csv")).isNotEmptyFile();
    }

    @Test
    void pgdWithRandomStartsGivesTheSingleMachineRecordsAndResumes(@TempDir Path out) throws IOException {
        AttackMethod pgd = new AttackMethod("pgd-linf", 0.05, 5, 1, 42);
        new DistributedAttack(TestFixtures.model(), "fashion-mnist-small", null, 0, 30, pgd, "nd4j", 2).run(spark, out);
        DistributedAttack all = new DistributedAttack(TestFixtures.model(), "fashion-mnist-small", null, 0, 60, pgd, "nd4j", 3);
        DistributedAttack.Result r = all.run(spark, out);
        assertThat(r.computed()).isEqualTo(30);
        assertThat(r.resumed()).isEqualTo(30);
        assertThat(r.records()).containsExactlyElementsOf(all.runLocally(TestFixtures.backend()));
    }

    @Test
    void anUnknownAttackIsNamed() {
        assertThatThrownBy(() -> new AttackMethod("deepfool", 0.1, 0, 1, 0)).hasMessageContaining("unknown attack 'deepfool'");
    }
}
