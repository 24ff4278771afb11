package org.robust4j.core.data;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import org.robust4j.core.tensor.Shape;

/** The samples of another dataset at given indices, without copying their features. */
final class SubsetDataset implements Dataset {
    private final Dataset base;
    private final int[] indices;

    SubsetDataset(Dataset base, int[] indices) {
        this.base = checkNotNull(base, "base");
        this.indices = checkNotNull(indices, "indices").clone();
        for (int i : this.indices) {
            checkArgument(0 <= i && i < base.size(), "subset: index %s is out of range for a dataset of %s", i, base.size());
        }
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Shape itemShape() {
        return base.itemShape();
    }

    @Override
    public int numClasses() {
        return base.numClasses();
    }

    @Override
    public void copyFeatures(int index, float[] dest, int offset) {
        base.copyFeatures(indices[index], dest, offset);
    }

    @Override
    public int label(int index) {
        return base.label(indices[index]);
    }

    @Override
    public Dataset subset(int[] idx) {
        // Compose the index maps so views of views read the base directly.
        int[] composed = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            checkArgument(0 <= idx[i] && idx[i] < indices.length, "subset: index %s is out of range for a dataset of %s",
                    idx[i], indices.length);
            composed[i] = indices[idx[i]];
        }
        return new SubsetDataset(base, composed);
    }
}
