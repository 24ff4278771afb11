package org.robust4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Shape;

class ArrayDatasetTest {

    /** Sample i has features [i, -i] in shape [1, 2] and label i % 3. */
    static ArrayDataset counting(int n) {
        float[] x = new float[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = -i;
            y[i] = i % 3;
        }
        return new ArrayDataset(x, y, Shape.of(1, 2), 3);
    }

    @Test
    void readsSamplesAndLabels() {
        ArrayDataset d = counting(5);
        assertThat(d.size()).isEqualTo(5);
        assertThat(d.itemShape()).isEqualTo(Shape.of(1, 2));
        assertThat(d.itemSize()).isEqualTo(2);
        assertThat(d.numClasses()).isEqualTo(3);
        assertThat(d.features(3)).containsExactly(3f, -3f);
        float[] dest = new float[5];
        d.copyFeatures(4, dest, 2);
        assertThat(dest).containsExactly(0f, 0f, 4f, -4f, 0f);
        assertThat(d.label(4)).isEqualTo(1);
        assertThat(d.classCounts()).containsExactly(2, 2, 1);
    }

    @Test
    void rejectsInconsistentArrays() {
        assertThatThrownBy(() -> new ArrayDataset(new float[5], new int[2], Shape.of(2), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 labels need 4 feature values");
        assertThatThrownBy(() -> new ArrayDataset(new float[4], new int[] {0, 3}, Shape.of(2), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 3 of sample 1");
        assertThatThrownBy(() -> new ArrayDataset(new float[4], new int[] {0, -1}, Shape.of(2), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArrayDataset(new float[0], new int[0], Shape.of(2), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subsetsAndSlicesAreViews() {
        ArrayDataset d = counting(10);
        Dataset s = d.subset(new int[] {7, 2, 2});
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.features(0)).containsExactly(7f, -7f);
        assertThat(s.label(1)).isEqualTo(2);
        Dataset ss = s.subset(new int[] {2, 0});
        assertThat(ss.features(0)).containsExactly(2f, -2f);
        assertThat(ss.features(1)).containsExactly(7f, -7f);
        Dataset slice = d.slice(3, 6);
        assertThat(labelsOf(slice)).containsExactly(0, 1, 2);
        assertThat(slice.features(0)).containsExactly(3f, -3f);
        assertThatThrownBy(() -> d.subset(new int[] {10})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.slice(4, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.subset(new int[] {3})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void splitsPartitionTheSamples() {
        ArrayDataset d = counting(10);
        Dataset.Split split = d.split(7);
        assertThat(split.first().size()).isEqualTo(7);
        assertThat(split.second().features(0)).containsExactly(7f, -7f);

        Dataset.Split random = d.randomSplit(4, new Generator(1));
        List<Integer> all = new ArrayList<>();
        for (Dataset part : List.of(random.first(), random.second())) {
            for (int i = 0; i < part.size(); i++) {
                all.add((int) part.features(i)[0]);
            }
        }
        assertThat(random.first().size()).isEqualTo(4);
        assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(ids(random.first())).isSorted();
        assertThat(ids(d.randomSplit(4, new Generator(1)).first())).isEqualTo(ids(random.first()));
        assertThat(ids(d.randomSplit(4, new Generator(2)).first())).isNotEqualTo(ids(random.first()));
        assertThatThrownBy(() -> d.split(11)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copyOfMaterialisesAView() {
        ArrayDataset d = counting(6);
        ArrayDataset c = ArrayDataset.copyOf(d.subset(new int[] {5, 0}));
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.features(0)).containsExactly(5f, -5f);
        assertThat(c.label(0)).isEqualTo(2);
        assertThat(ArrayDataset.copyOf(d)).isSameAs(d);
    }

    private static List<Integer> ids(Dataset d) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            out.add((int) d.features(i)[0]);
        }
        return out;
    }

    private static int[] labelsOf(Dataset d) {
        int[] y = new int[d.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = d.label(i);
        }
        return y;
    }
}
