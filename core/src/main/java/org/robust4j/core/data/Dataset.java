package org.robust4j.core.data;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Shape;

/**
 * A finite, indexed collection of labelled samples held on the host. Features are floats of a
 * fixed {@link #itemShape()} (for example {@code [1, 28, 28]} or {@code [3, 32, 32]}), labels are
 * class indices in {@code [0, numClasses)}. Implementations must allow concurrent reads, since a
 * {@link DataLoader} reads from a prefetch thread.
 */
public interface Dataset {

    /** Number of samples. */
    int size();

    /** Shape of one sample's features. */
    Shape itemShape();

    /** Number of classes; every label is in {@code [0, numClasses)}. */
    int numClasses();

    /** Copies sample {@code index}'s features ({@link #itemSize()} floats, row-major) into {@code dest[offset..]}. */
    void copyFeatures(int index, float[] dest, int offset);

    /** Sample {@code index}'s label. */
    int label(int index);

    /** Number of floats in one sample's features. */
    default int itemSize() {
        return itemShape().sizeAsInt();
    }

    /** Sample {@code index}'s features as a new array. */
    default float[] features(int index) {
        float[] out = new float[itemSize()];
        copyFeatures(index, out, 0);
        return out;
    }

    /** How many samples each class has. */
    default int[] classCounts() {
        int[] counts = new int[numClasses()];
        for (int i = 0; i < size(); i++) {
            counts[label(i)]++;
        }
        return counts;
    }

    /** A view of the samples at {@code indices}, in that order (repeats allowed; nothing is copied). */
    default Dataset subset(int[] indices) {
        return new SubsetDataset(this, indices);
    }

    /** A view of samples {@code from} (inclusive) to {@code to} (exclusive). */
    default Dataset slice(int from, int to) {
        checkArgument(0 <= from && from <= to && to <= size(), "slice: [%s, %s) is not within [0, %s)", from, to, size());
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return subset(idx);
    }

    /** The first {@code firstSize} samples and the rest, in order. */
    default Split split(int firstSize) {
        checkArgument(0 <= firstSize && firstSize <= size(), "split: first part of %s samples from a dataset of %s",
                firstSize, size());
        return new Split(slice(0, firstSize), slice(firstSize, size()));
    }

    /** A random {@code firstSize} samples and the rest, drawn from {@code generator} (for a validation hold-out). */
    default Split randomSplit(int firstSize, Generator generator) {
        checkArgument(0 <= firstSize && firstSize <= size(), "randomSplit: first part of %s samples from a dataset of %s",
                firstSize, size());
        checkNotNull(generator, "generator");
        int[] perm = generator.permutation(size());
        int[] first = java.util.Arrays.copyOfRange(perm, 0, firstSize);
        int[] second = java.util.Arrays.copyOfRange(perm, firstSize, perm.length);
        java.util.Arrays.sort(first); // keep the original order inside each part
        java.util.Arrays.sort(second);
        return new Split(subset(first), subset(second));
    }

    /** Two disjoint parts of a dataset. */
    record Split(Dataset first, Dataset second) {}
}
