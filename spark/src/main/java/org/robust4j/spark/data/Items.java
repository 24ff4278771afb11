package org.robust4j.spark.data;

import static org.robust4j.core.util.Checks.checkArgument;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.Dataset;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/** Selecting items from a dataset and stacking them into a batch tensor. */
public final class Items {
    private Items() {}

    /** Items {@code start .. start + count - 1} of {@code data}, keeping their dataset indices. */
    public static List<Item> range(Dataset data, int start, int count) {
        checkArgument(start >= 0 && count > 0, "Items: need start >= 0 and count > 0, got start=%s count=%s", start, count);
        checkArgument((long) start + count <= data.size(), "Items: items %s..%s requested but the dataset has %s",
                start, (long) start + count - 1, data.size());
        int size = (int) data.itemShape().size();
        List<Item> out = new ArrayList<>(count);
        for (int i = start; i < start + count; i++) {
            float[] f = new float[size];
            data.copyFeatures(i, f, 0);
            out.add(new Item(i, data.label(i), f));
        }
        return out;
    }

    /** The items whose index is not in {@code done}, in their order. */
    public static List<Item> missing(List<Item> items, Set<Long> done) {
        return items.stream().filter(it -> !done.contains(it.index())).toList();
    }

    /** {@code [N, itemShape...]} on {@code backend}: row {@code i} holds item {@code i}'s features. */
    public static Tensor stack(Backend backend, Collection<Item> items, Shape itemShape) {
        int size = (int) itemShape.size();
        float[] all = new float[items.size() * size];
        int row = 0;
        for (Item it : items) {
            checkArgument(it.features().length == size, "Items: item %s has %s features, the item shape %s needs %s",
                    it.index(), it.features().length, itemShape, size);
            System.arraycopy(it.features(), 0, all, row * size, size);
            row++;
        }
        return Tensor.of(backend, all, Shape.of(items.size()).append(itemShape.toArray()).toArray());
    }

    /** The labels of {@code items}, in order. */
    public static int[] labels(Collection<Item> items) {
        return items.stream().mapToInt(Item::label).toArray();
    }
}
