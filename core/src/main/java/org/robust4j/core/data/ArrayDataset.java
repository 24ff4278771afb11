package org.robust4j.core.data;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import org.robust4j.core.tensor.Shape;

/**
 * A dataset held in two arrays: all features back to back in one {@code float[]} (sample
 * {@code i} at {@code [i * itemSize, (i + 1) * itemSize)}) and the labels in one {@code int[]}.
 * The arrays are taken over, not copied, and must not be changed afterwards.
 */
public final class ArrayDataset implements Dataset {
    private final float[] features;
    private final int[] labels;
    private final Shape itemShape;
    private final int itemSize;
    private final int numClasses;

    public ArrayDataset(float[] features, int[] labels, Shape itemShape, int numClasses) {
        this.features = checkNotNull(features, "features");
        this.labels = checkNotNull(labels, "labels");
        this.itemShape = checkNotNull(itemShape, "itemShape");
        this.itemSize = itemShape.sizeAsInt();
        this.numClasses = numClasses;
        checkArgument(numClasses > 0, "ArrayDataset: numClasses must be positive, got %s", numClasses);
        checkArgument((long) labels.length * itemSize == features.length,
                "ArrayDataset: %s labels need %s feature values of shape %s, got %s",
                labels.length, (long) labels.length * itemSize, itemShape, features.length);
        for (int i = 0; i < labels.length; i++) {
            int y = labels[i];
            checkArgument(0 <= y && y < numClasses, "ArrayDataset: label %s of sample %s is outside [0, %s)", y, i, numClasses);
        }
    }

    /** Materialises any dataset (a subset view, say) into arrays. */
    public static ArrayDataset copyOf(Dataset d) {
        if (d instanceof ArrayDataset a) {
            return a;
        }
        int n = d.size();
        int item = d.itemSize();
        float[] x = new float[Math.multiplyExact(n, item)];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            d.copyFeatures(i, x, i * item);
            y[i] = d.label(i);
        }
        return new ArrayDataset(x, y, d.itemShape(), d.numClasses());
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Shape itemShape() {
        return itemShape;
    }

    @Override
    public int itemSize() {
        return itemSize;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public void copyFeatures(int index, float[] dest, int offset) {
        System.arraycopy(features, index * itemSize, dest, offset, itemSize);
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public String toString() {
        return "ArrayDataset[" + size() + " x " + itemShape + ", " + numClasses + " classes]";
    }
}
