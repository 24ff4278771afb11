package org.robust4j.nd4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.robust4j.core.data.ArrayDataset;
import org.robust4j.core.data.Batch;
import org.robust4j.core.data.BatchIterator;
import org.robust4j.core.data.DataLoader;
import org.robust4j.core.data.RandomHorizontalFlip;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.nd4j.Nd4jBackend;

/** Batches become tensors on the consuming thread, inside its scope. */
class BatchTensorTest {
    static Nd4jBackend backend;

    @BeforeAll
    static void start() {
        backend = new Nd4jBackend(64L << 20);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void batchTensorsHaveTheLoaderShapesAndDtypes() {
        float[] x = new float[7 * 6];
        int[] y = new int[7];
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 6; j++) {
                x[i * 6 + j] = i + j / 10f;
            }
            y[i] = i % 3;
        }
        ArrayDataset d = new ArrayDataset(x, y, Shape.of(1, 2, 3), 3);
        DataLoader loader = DataLoader.builder(d).batchSize(3).shuffle(true).seed(4)
                .transforms(new RandomHorizontalFlip(0.5)).build();
        int seen = 0;
        try (BatchIterator it = loader.epoch(0)) {
            while (it.hasNext()) {
                Batch b = it.next();
                Tensor xs;
                Tensor ys;
                try (Scope step = Scope.open()) {
                    xs = b.x(backend);
                    ys = b.y(backend);
                    assertThat(xs.dtype()).isEqualTo(DType.FLOAT32);
                    assertThat(xs.shape()).isEqualTo(Shape.of(b.size(), 1, 2, 3));
                    assertThat(xs.toFloatArray()).containsExactly(b.features());
                    assertThat(ys.dtype()).isEqualTo(DType.INT64);
                    assertThat(ys.shape()).isEqualTo(Shape.of(b.size()));
                    for (int s = 0; s < b.size(); s++) {
                        assertThat(ys.toLongArray()[s]).isEqualTo(b.indices()[s] % 3);
                    }
                }
                // released with the step's scope
                assertThatThrownBy(xs::data).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
                assertThatThrownBy(ys::data).isInstanceOf(IllegalStateException.class);
                seen += b.size();
            }
        }
        assertThat(seen).isEqualTo(7);
    }
}
