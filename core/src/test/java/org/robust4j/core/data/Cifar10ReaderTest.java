package org.robust4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.io.FileFormatException;
import org.robust4j.core.tensor.Shape;

class Cifar10ReaderTest {
    @TempDir
    Path dir;

    /** One record: the label byte, then 1024 red, 1024 green, 1024 blue bytes; pixel (y, x) of a plane at 32 y + x. */
    static byte[] record(int label, int red, int green, int blue, int corner) {
        byte[] r = new byte[3073];
        r[0] = (byte) label;
        Arrays.fill(r, 1, 1025, (byte) red);
        Arrays.fill(r, 1025, 2049, (byte) green);
        Arrays.fill(r, 2049, 3073, (byte) blue);
        r[1 + 31] = (byte) corner;        // red plane, row 0, column 31
        r[2049 + 32 * 31] = (byte) corner; // blue plane, row 31, column 0
        return r;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void readsRecordsAsChannelsFirstImages() throws IOException {
        write("test_batch.bin", concat(record(3, 255, 0, 51, 102), record(9, 0, 255, 0, 255), record(0, 1, 2, 3, 4)));
        ArrayDataset d = Cifar10Reader.readTest(dir);
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.itemShape()).isEqualTo(Shape.of(3, 32, 32));
        assertThat(d.numClasses()).isEqualTo(10);
        assertThat(new int[] {d.label(0), d.label(1), d.label(2)}).containsExactly(3, 9, 0);
        float[] x = d.features(0);
        assertThat(x[0]).isEqualTo(1f);              // red (0, 0)
        assertThat(x[31]).isEqualTo(0.4f);           // red (0, 31): the corner
        assertThat(x[1024 + 500]).isEqualTo(0f);     // green
        assertThat(x[2048]).isEqualTo(0.2f);         // blue (0, 0)
        assertThat(x[2048 + 32 * 31]).isEqualTo(0.4f); // blue (31, 0)
        assertThat(d.features(2)[1024]).isEqualTo(2 / 255f);
        assertThat(Cifar10Reader.CLASSES.get(d.label(0))).isEqualTo("cat");
    }

    @Test
    void readsTheFiveTrainingFilesInOrder() throws IOException {
        for (int i = 1; i <= 5; i++) {
            write("data_batch_" + i + ".bin", concat(record(i, i, i, i, i), record(i + 1, 0, 0, 0, 0)));
        }
        ArrayDataset d = Cifar10Reader.readTrain(dir);
        assertThat(d.size()).isEqualTo(10);
        int[] labels = new int[10];
        for (int i = 0; i < 10; i++) {
            labels[i] = d.label(i);
        }
        assertThat(labels).containsExactly(1, 2, 2, 3, 3, 4, 4, 5, 5, 6);
        assertThat(d.features(8)[0]).isEqualTo(5 / 255f);
    }

    @Test
    void aMissingFileIsNamedBeforeAnythingIsRead() throws IOException {
        for (int i = 1; i <= 4; i++) {
            write("data_batch_" + i + ".bin", record(0, 0, 0, 0, 0));
        }
        assertThatThrownBy(() -> Cifar10Reader.readTrain(dir))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(dir.resolve("data_batch_5.bin").toString());
    }

    @Test
    void damagedFilesAreReported() throws IOException {
        Path cut = write("cut.bin", Arrays.copyOf(concat(record(1, 0, 0, 0, 0), record(2, 0, 0, 0, 0)), 3073 + 100));
        assertThatThrownBy(() -> Cifar10Reader.read(List.of(cut)))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(cut.toString())
                .hasMessageContaining("1 records and 100 bytes");
        Path badLabel = write("label.bin", concat(record(1, 0, 0, 0, 0), record(10, 0, 0, 0, 0)));
        assertThatThrownBy(() -> Cifar10Reader.read(List.of(badLabel)))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("label 10 of record 1");
        Path empty = write("empty.bin", new byte[0]);
        assertThatThrownBy(() -> Cifar10Reader.read(List.of(empty)))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Cifar10Reader.read(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }
}
