package org.robust4j.spark.attack;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.attacks.Attack;
import org.robust4j.attacks.eval.AttackOutcomes;
import org.robust4j.attacks.eval.RobustEvaluation;
import org.robust4j.certify.smoothing.SampleSeeds;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.spark.data.Item;
import org.robust4j.spark.exec.ItemTask;

/**
 * Attacks each item on its own with {@link RobustEvaluation} (a batch of one), its random start
 * drawn from a generator derived from {@code (seed, item index)}: an item's outcome does not depend
 * on which items share its partition.
 */
record AttackTask(AttackMethod method, int[] itemShape) implements ItemTask<AttackRecord> {

    @Override
    public Class<AttackRecord> recordType() {
        return AttackRecord.class;
    }

    @Override
    public List<AttackRecord> run(Module model, Backend backend, List<Item> items) {
        Attack attack = method.build();
        RobustEvaluation.Entry entry = RobustEvaluation.at(attack, method.eps());
        RobustEvaluation eval = RobustEvaluation.of(List.of(entry)).withBatchSize(1);
        int[] batchShape = Shape.of(1).append(itemShape).toArray();
        List<AttackRecord> out = new ArrayList<>(items.size());
        for (Item it : items) {
            try (Scope s = Scope.open()) {
                Tensor x = Tensor.of(backend, it.features(), batchShape);
                Tensor y = Tensor.ofLongs(backend, new long[] {it.label()}, 1);
                AttackOutcomes o = eval.outcomes(model, x, y, entry, SampleSeeds.forSample(method.seed(), it.index()));
                out.add(new AttackRecord(it.index(), it.label(), (int) o.clean()[0], (int) o.adversarial()[0],
                        o.success()[0], o.distance()[0], o.broken()[0]));
            }
        }
        return out;
    }
}
