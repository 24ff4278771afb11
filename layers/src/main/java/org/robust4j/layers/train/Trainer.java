package org.robust4j.layers.train;

import static org.robust4j.core.util.Checks.checkArgument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.Batch;
import org.robust4j.core.data.BatchIterator;
import org.robust4j.core.data.DataLoader;
import org.robust4j.core.io.Safetensors;
import org.robust4j.core.nn.Module;
import org.robust4j.core.optim.LrSchedule;
import org.robust4j.core.optim.Optimizer;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.loss.Loss;

/**
 * The training loop: epochs over a {@link DataLoader}, one optimizer step per batch inside a
 * memory scope, an optional learning-rate schedule (per step), loss and accuracy per epoch,
 * evaluation on a test set, listeners for progress, and a safetensors checkpoint after every
 * epoch. Deterministic for a given seed on one backend: the order of batches comes from the
 * loader's seed, the initial weights from the model's.
 */
public final class Trainer {
    private final Module model;
    private final Optimizer optimizer;
    private final Loss loss;
    private final Backend backend;
    private BatchLoss batchLoss;
    private LrSchedule schedule;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Path checkpoint;
    private Map<String, String> checkpointMetadata = Map.of();

    public Trainer(Module model, Optimizer optimizer, Loss loss, Backend backend) {
        this.model = model;
        this.optimizer = optimizer;
        this.loss = loss;
        this.backend = backend;
        this.batchLoss = (m, x, y) -> {
            Tensor logits = m.forward(x);
            return new BatchLoss.Result(loss.compute(logits, y), logits);
        };
    }

    /** Sets the learning rate before every step from {@code s} (steps counted from 0 over the whole run). */
    public Trainer schedule(LrSchedule s) {
        this.schedule = s;
        return this;
    }

    /** Replaces how a batch becomes a loss (for adversarial or noisy training). */
    public Trainer batchLoss(BatchLoss b) {
        this.batchLoss = b;
        return this;
    }

    public Trainer listener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /** Saves the model's state dict (with {@code metadata}) to {@code file} after every epoch, atomically. */
    public Trainer checkpoint(Path file, Map<String, String> metadata) {
        this.checkpoint = file;
        this.checkpointMetadata = Map.copyOf(metadata);
        return this;
    }

    /** Trains for {@code epochs} epochs; {@code test} may be null. Returns one record per epoch. */
    public List<EpochStats> fit(DataLoader train, DataLoader test, int epochs) {
        checkArgument(epochs > 0, "trainer: epochs must be positive, got %s", epochs);
        List<EpochStats> history = new ArrayList<>();
        long step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            model.train();
            int batches = train.numBatches();
            int e0 = epoch;
            listeners.forEach(l -> l.onEpochStart(e0, batches));
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            long t0 = System.nanoTime();
            try (BatchIterator it = train.epoch(epoch)) {
                int i = 0;
                while (it.hasNext()) {
                    Batch b = it.next();
                    if (schedule != null) {
                        optimizer.setLr(schedule.at(step));
                    }
                    double l;
                    long c;
                    try (Scope s = Scope.open()) {
                        Tensor x = b.x(backend);
                        Tensor y = b.y(backend);
                        BatchLoss.Result r = batchLoss.compute(model, x, y);
                        optimizer.zeroGrad();
                        r.loss().backward();
                        optimizer.step();
                        l = r.loss().item();
                        c = Evaluation.countCorrect(r.logits().detach(), y);
                    }
                    checkArgument(Double.isFinite(l), "trainer: the loss became %s at epoch %s, batch %s"
                            + " (learning rate %s); lower the learning rate", l, epoch, i, optimizer.lr());
                    lossSum += l * b.size();
                    correct += c;
                    seen += b.size();
                    step++;
                    int bi = i++;
                    double batchLossValue = l;
                    double acc = (double) c / b.size();
                    int e1 = epoch;
                    listeners.forEach(li -> li.onBatch(e1, bi, batchLossValue, acc));
                }
            }
            optimizer.zeroGrad();
            double seconds = (System.nanoTime() - t0) / 1e9;
            Evaluation ev = test == null ? new Evaluation(Double.NaN, Double.NaN, 0) : Evaluation.of(model, test, loss, backend);
            EpochStats stats = new EpochStats(epoch, lossSum / seen, (double) correct / seen, ev.loss(), ev.accuracy(),
                    optimizer.lr(), seconds, seen / seconds);
            history.add(stats);
            if (checkpoint != null) {
                saveCheckpoint(epoch);
            }
            listeners.forEach(l -> l.onEpochEnd(stats));
        }
        return history;
    }

    private void saveCheckpoint(int epoch) {
        Map<String, String> meta = new LinkedHashMap<>(checkpointMetadata);
        meta.put("robust4j.epoch", String.valueOf(epoch));
        try {
            Safetensors.save(checkpoint, model.stateDict(), meta);
        } catch (IOException e) {
            throw new UncheckedIOException("trainer: could not write checkpoint " + checkpoint, e);
        }
    }
}
