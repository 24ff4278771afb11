package org.robust4j.experiments.adversarial;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.attacks.training.TrainingObjective;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Sequential;
import org.robust4j.experiments.datasets.DataSplits;
import org.robust4j.experiments.registry.RunContext;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.noise.NoiseDistribution;
import org.robust4j.layers.noise.NoiseInjection;

/**
 * One defence to train and evaluate: its column name, a description of its objective, the
 * objective, and the noise it injects at the input when deployed (null for a deterministic one).
 */
public record Defence(String name, String description, TrainingObjective objective, NoiseDistribution noise) {

    public boolean randomized() {
        return noise != null;
    }

    /**
     * Trains every defence with the same setup and returns them as evaluated: a randomized defence
     * as {@code x -> f(x + X)} with fresh noise at every call. Training rows go into {@code rows}.
     */
    public static List<EvaluatedModel> trainAll(List<Defence> defences, DataSplits data, TrainSetup setup, RunContext context,
                                                List<DefenceComparison.TrainingRow> rows) {
        List<EvaluatedModel> out = new ArrayList<>();
        for (Defence d : defences) {
            ObjectiveTraining.Trained t = ObjectiveTraining.train(context.backend(), d.name(), d.objective(), data.train(),
                    data.test(), setup, context.generator().nextSeed());
            Module classifier = d.randomized()
                    ? new Sequential(new NoiseInjection(LayerContext.of(context.backend(), context.generator().fork()), d.noise()),
                            t.model())
                    : t.model();
            out.add(new EvaluatedModel(d.name(), classifier, d.randomized(), t.seconds()));
            rows.add(new DefenceComparison.TrainingRow(d.name(), d.description(), t.seconds(),
                    t.history().get(t.history().size() - 1).testAccuracy()));
        }
        return out;
    }
}
