package org.robust4j.layers.train;

/** Progress callbacks from the {@link Trainer}; every method has a no-op default. */
public interface TrainingListener {
    default void onEpochStart(int epoch, int batches) {
    }

    /** After every optimizer step, with that batch's loss and accuracy. */
    default void onBatch(int epoch, int batch, double loss, double accuracy) {
    }

    default void onEpochEnd(EpochStats stats) {
    }
}
