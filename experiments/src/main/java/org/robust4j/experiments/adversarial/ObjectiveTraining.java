package org.robust4j.experiments.adversarial;

import java.util.List;
import org.robust4j.attacks.training.TrainingObjective;
import org.robust4j.core.autograd.Autograd;
import org.robust4j.core.autograd.GradMode;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.DataLoader;
import org.robust4j.core.data.Dataset;
import org.robust4j.core.nn.Module;
import org.robust4j.core.optim.Adam;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.experiments.models.Architectures;
import org.robust4j.experiments.models.ModelSpec;
import org.robust4j.experiments.report.Progress;
import org.robust4j.layers.LayerContext;
import org.robust4j.layers.loss.CrossEntropyLoss;
import org.robust4j.layers.train.BatchLoss;
import org.robust4j.layers.train.EpochStats;
import org.robust4j.layers.train.Trainer;
import org.robust4j.layers.train.TrainingListener;

/**
 * Trains a fresh network with any {@link TrainingObjective} (natural, adversarial, noise, RAT,
 * mixed-norm) through the common {@link Trainer}: the objective gives the loss to descend, and
 * the training accuracy in the log is that of the clean batch (one extra forward pass without autograd).
 */
public final class ObjectiveTraining {
    /** A trained network and its per-epoch log (test accuracy on clean inputs). */
    public record Trained(Module model, ModelSpec spec, List<EpochStats> history, double seconds) {
    }

    /** How many test images the per-epoch log evaluates. */
    public static final int MONITORED = 1000;

    private ObjectiveTraining() {}

    public static Trained train(Backend backend, String label, TrainingObjective objective, Dataset train, Dataset test,
                                TrainSetup setup, long seed) {
        long t0 = System.nanoTime();
        Dataset data = setup.trainLimit() > 0 && setup.trainLimit() < train.size() ? train.slice(0, setup.trainLimit()) : train;
        ModelSpec spec = new ModelSpec(setup.architecture(), setup.architectureOptions(), train.itemShape(), train.numClasses());
        Generator g = new Generator(seed);
        Module model = Architectures.build(LayerContext.of(backend, g.fork()), spec);
        DataLoader loader = DataLoader.builder(data).batchSize(setup.batchSize()).shuffle(true).seed(g.nextSeed()).build();
        // The per-epoch log watches the first 1000 test images: the full 10 000 cost as much as training a small model.
        Dataset watched = test.size() > MONITORED ? test.slice(0, MONITORED) : test;
        DataLoader testLoader = DataLoader.builder(watched).batchSize(256).build();
        BatchLoss batchLoss = (m, x, y) -> {
            Tensor loss = objective.trainingLoss(m, x, y);
            Tensor logits;
            try (GradMode.Restore off = Autograd.noGrad()) {
                logits = m.forward(x);
            }
            return new BatchLoss.Result(loss, logits);
        };
        Trainer trainer = new Trainer(model, new Adam(model.parameters(), setup.lr()), new CrossEntropyLoss(), backend)
                .batchLoss(batchLoss);
        List<EpochStats> history;
        try (Progress p = Progress.start("train " + label, (long) loader.numBatches() * setup.epochs())) {
            trainer.listener(new TrainingListener() {
                @Override
                public void onBatch(int epoch, int batch, double loss, double accuracy) {
                    p.step();
                }
            });
            history = trainer.fit(loader, testLoader, setup.epochs());
        }
        model.eval();
        return new Trained(model, spec, history, (System.nanoTime() - t0) / 1e9);
    }
}
