package org.robust4j.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.nn.Module;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;

/**
 * The fixtures the PyTorch side reads: raw little-endian C-order files whose bytes are checked
 * here by hand, the small CNN under PyTorch's parameter names, and errors that name the entry.
 */
class FixturesTest {
    @TempDir
    Path dir;

    @Test
    void entriesAreRawLittleEndianRowMajorAndComeBack() throws IOException {
        Fixtures.FixtureWriter w = new Fixtures.FixtureWriter(dir, "test");
        w.floats("a", new float[] {1.5f, -2f, 3f, 4f, 5f, 6f}, 2, 3);
        w.ints("l", new int[] {7, -1}, 2);
        assertThat(Fixtures.complete(dir)).as("no manifest before finish").isFalse();
        w.finish();
        assertThat(Fixtures.complete(dir)).isTrue();
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("a.bin"))).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(raw.getFloat(0)).isEqualTo(1.5f);
        assertThat(raw.getFloat(4 * 3)).isEqualTo(4f);   // row 1, column 0
        Fixtures f = new Fixtures(dir);
        assertThat(f.shape("a")).containsExactly(2, 3);
        assertThat(f.floats("a")).containsExactly(1.5f, -2f, 3f, 4f, 5f, 6f);
        assertThat(f.ints("l")).containsExactly(7, -1);
        assertThatThrownBy(() -> f.ints("a")).hasMessageContaining("a: dtype float32");
        assertThatThrownBy(() -> f.floats("missing")).hasMessageContaining("no fixture named 'missing'");
        Files.write(dir.resolve("a.bin"), new byte[8]);
        assertThatThrownBy(() -> f.floats("a")).hasMessageContaining("8 bytes, expected 24");
    }

    @Test
    void theSmallCnnTravelsUnderPyTorchNames() throws IOException {
        try (Backend b = Backends.create("nd4j")) {
            Module trained = Models.smallCnn(LayerContext.of(b, 1));
            Fixtures.FixtureWriter w = new Fixtures.FixtureWriter(dir, "test");
            w.module(trained, Models::cnnName);
            w.finish();
            Fixtures f = new Fixtures(dir);
            assertThat(f.shape("cnn.conv1.weight")).containsExactly(32, 1, 3, 3);
            assertThat(f.shape("cnn.conv2.bias")).containsExactly(64);
            assertThat(f.shape("cnn.fc.weight")).containsExactly(10, 12544);
            Module fresh = Models.smallCnn(LayerContext.of(b, 2));
            f.loadInto(fresh, Models::cnnName);
            for (var e : trained.namedParameters().entrySet()) {
                Tensor other = fresh.namedParameters().get(e.getKey()).value();
                assertThat(other.toFloatArray()).as(e.getKey()).containsExactly(e.getValue().value().toFloatArray());
            }
        }
    }

    @Test
    void theMedianOfAnEvenCountAveragesTheMiddleTwo() {
        assertThat(GatedTimer.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(GatedTimer.median(new double[] {5, 1, 3})).isEqualTo(3);
    }
}
