package org.robust4j.core.data;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Shape;

/**
 * Batches a {@link Dataset} for training: an optional shuffle per epoch, host-side
 * {@link Transform}s (augmentation, normalisation), and a background thread that prepares the
 * next batches while the caller trains on the current one.
 *
 * <p><b>Reproducible.</b> Epoch {@code e}'s sample order is a function of (seed, e) alone, and
 * batch {@code b}'s augmentation draws from a generator seeded by (seed, e, b) alone; so a run
 * repeats exactly for a seed, epochs differ from each other, and prefetching on or off gives
 * bit-identical batches.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(train)
 *         .batchSize(128).shuffle(true).seed(42).dropLast(true)
 *         .transforms(new RandomCrop(32, 4), new RandomHorizontalFlip(0.5), new Normalize(mean, std))
 *         .build();
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     try (BatchIterator it = loader.epoch(epoch)) {
 *         while (it.hasNext()) {
 *             Batch batch = it.next();
 *             try (Scope step = Scope.open()) {
 *                 Tensor x = batch.x(backend), y = batch.y(backend);
 *                 ...
 *             }
 *         }
 *     }
 * }
 * }</pre>
 *
 * {@code for (Batch b : loader)} also works: each {@link #iterator()} call runs the next epoch
 * (0, 1, 2, ...). A loader is configured once and may be shared; the implicit epoch counter of
 * {@link #iterator()} is not thread-safe.
 */
public final class DataLoader implements Iterable<Batch> {
    /** How many batches the background thread prepares ahead of the consumer. */
    public static final int PREFETCH_DEPTH = 2;

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final boolean prefetch;
    private final List<Transform> transforms;
    private final Shape[] shapes;
    private int nextEpoch;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        this.prefetch = b.prefetch;
        this.transforms = List.copyOf(b.transforms);
        // Check the transforms fit the data now, not in the middle of the first epoch.
        this.shapes = new Shape[transforms.size() + 1];
        shapes[0] = dataset.itemShape();
        for (int k = 0; k < transforms.size(); k++) {
            shapes[k + 1] = transforms.get(k).outputShape(shapes[k]);
        }
    }

    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    /** The batches of {@code epoch}, in its order. Does not move the counter {@link #iterator()} uses. */
    public BatchIterator epoch(int epoch) {
        checkArgument(epoch >= 0, "DataLoader: epoch must be non-negative, got %s", epoch);
        BatchAssembler assembler = new BatchAssembler(dataset, transforms, shapes, sampleOrder(epoch), batchSize,
                numBatches(), seed, epoch);
        return prefetch && numBatches() > 0
                ? new PrefetchBatchIterator(assembler, epoch, PREFETCH_DEPTH)
                : new DirectBatchIterator(assembler, epoch);
    }

    /** The next epoch's batches: epoch 0 on the first call, then 1, 2, ... */
    @Override
    public BatchIterator iterator() {
        return epoch(nextEpoch++);
    }

    /** The dataset indices in the order epoch {@code epoch} visits them (before dropping the last partial batch). */
    public int[] sampleOrder(int epoch) {
        int n = dataset.size();
        if (shuffle) {
            return new Generator(Seeds.derive(seed, Seeds.SHUFFLE, epoch)).permutation(n);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Batches per epoch. */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Shape of one sample as batches hold it, after the transforms. */
    public Shape itemShape() {
        return shapes[shapes.length - 1];
    }

    public Dataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    public long seed() {
        return seed;
    }

    public List<Transform> transforms() {
        return transforms;
    }

    /** Configures a {@link DataLoader}; defaults: batch size 32, no shuffle, seed 0, keep the last batch, prefetch on. */
    public static final class Builder {
        private final Dataset dataset;
        private int batchSize = 32;
        private boolean shuffle;
        private long seed;
        private boolean dropLast;
        private boolean prefetch = true;
        private final List<Transform> transforms = new ArrayList<>();

        private Builder(Dataset dataset) {
            this.dataset = checkNotNull(dataset, "dataset");
        }

        public Builder batchSize(int batchSize) {
            checkArgument(batchSize > 0, "DataLoader: batch size must be positive, got %s", batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** Visit the samples in a new random order every epoch. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** The root seed of the shuffles and of the transforms' randomness. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Takes the root seed from {@code generator} (one draw), so one master generator can seed a whole run. */
        public Builder seed(Generator generator) {
            this.seed = checkNotNull(generator, "generator").nextSeed();
            return this;
        }

        /** Drop the last batch when it would be smaller than the batch size. */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Assemble batches on a background thread ({@value DataLoader#PREFETCH_DEPTH} ahead). */
        public Builder prefetch(boolean prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** Transforms applied in order to every sample (replacing any given before). */
        public Builder transforms(Transform... transforms) {
            return transforms(List.of(transforms));
        }

        public Builder transforms(List<? extends Transform> transforms) {
            this.transforms.clear();
            for (Transform t : transforms) {
                this.transforms.add(checkNotNull(t, "transform"));
            }
            return this;
        }

        public DataLoader build() {
            return new DataLoader(this);
        }
    }
}
