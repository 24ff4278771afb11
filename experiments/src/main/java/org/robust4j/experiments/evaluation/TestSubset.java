package org.robust4j.experiments.evaluation;

import static org.robust4j.core.util.Checks.checkArgument;

import org.robust4j.core.backend.Backend;
import org.robust4j.core.data.Dataset;
import org.robust4j.core.tensor.Tensor;

/**
 * The first {@code limit} samples of a test set as one feature tensor {@code [N, ...]} and their
 * labels: what the attack and certify commands and the experiments evaluate. The first samples
 * rather than a random draw, so that two commands with the same --limit see the same images.
 */
public record TestSubset(Dataset samples, int[] labels) {

    /** The first {@code limit} samples of {@code test} (all of them when limit is 0 or larger than the set). */
    public static TestSubset first(Dataset test, int limit) {
        checkArgument(limit >= 0, "limit must be >= 0, got %s", limit);
        Dataset d = limit > 0 && limit < test.size() ? test.slice(0, limit) : test;
        checkArgument(d.size() > 0, "the test set is empty");
        int[] labels = new int[d.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = d.label(i);
        }
        return new TestSubset(d, labels);
    }

    public int size() {
        return labels.length;
    }

    /** The features {@code [N, ...itemShape]} as FLOAT32 on {@code backend}, in the caller's scope. */
    public Tensor features(Backend backend) {
        int per = samples.itemSize();
        float[] all = new float[per * size()];
        for (int i = 0; i < size(); i++) {
            samples.copyFeatures(i, all, i * per);
        }
        int[] item = samples.itemShape().toArray();
        int[] shape = new int[item.length + 1];
        shape[0] = size();
        System.arraycopy(item, 0, shape, 1, item.length);
        return Tensor.of(backend, all, shape);
    }

    /** The labels {@code [N]} as INT64. */
    public Tensor labelTensor(Backend backend) {
        long[] l = new long[labels.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = labels[i];
        }
        return Tensor.ofLongs(backend, l, l.length);
    }
}
