package org.robust4j.core.data;

import java.util.List;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Shape;

/**
 * Builds batch {@code b} of one epoch: a pure function of the dataset, the epoch's sample order
 * and a generator seeded from (seed, epoch, b). Whichever thread calls it, and in whatever order,
 * the batch is the same.
 */
final class BatchAssembler {
    private final Dataset dataset;
    private final List<Transform> transforms;
    private final Shape[] shapes; // shapes[k]: sample shape before transform k; the last is the output
    private final int[] order;
    private final int batchSize;
    private final int numBatches;
    private final long seed;
    private final int epoch;

    BatchAssembler(Dataset dataset, List<Transform> transforms, Shape[] shapes, int[] order, int batchSize,
                   int numBatches, long seed, int epoch) {
        this.dataset = dataset;
        this.transforms = transforms;
        this.shapes = shapes;
        this.order = order;
        this.batchSize = batchSize;
        this.numBatches = numBatches;
        this.seed = seed;
        this.epoch = epoch;
    }

    int numBatches() {
        return numBatches;
    }

    Batch assemble(int b) {
        int from = b * batchSize;
        int count = Math.min(batchSize, order.length - from);
        int[] indices = new int[count];
        int[] labels = new int[count];
        int itemSize = shapes[0].sizeAsInt();
        float[] values = new float[Math.multiplyExact(count, itemSize)];
        for (int i = 0; i < count; i++) {
            int idx = order[from + i];
            indices[i] = idx;
            labels[i] = dataset.label(idx);
            dataset.copyFeatures(idx, values, i * itemSize);
        }
        if (!transforms.isEmpty()) {
            Generator g = new Generator(Seeds.derive(seed, Seeds.AUGMENT, epoch, b));
            for (int k = 0; k < transforms.size(); k++) {
                float[] next = new float[Math.multiplyExact(count, shapes[k + 1].sizeAsInt())];
                transforms.get(k).applyBatch(values, next, count, shapes[k], g);
                values = next;
            }
        }
        Shape batchShape = Shape.of(count).append(shapes[shapes.length - 1].toArray());
        return new Batch(values, labels, batchShape, indices);
    }
}
