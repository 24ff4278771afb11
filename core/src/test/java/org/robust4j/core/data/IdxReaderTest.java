package org.robust4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.io.FileFormatException;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.testing.OptionalComponent;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** Three 2x3 images: magic 00 00 08 03, count 3, rows 2, cols 3 (big-endian), then the pixels. */
    static final byte[] IMAGES = bytes(
            0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 3,
            0, 255, 51, 102, 153, 204,
            1, 2, 3, 4, 5, 6,
            255, 255, 255, 0, 0, 0);
    /** Three labels: magic 00 00 08 01, count 3, then 9 0 4. */
    static final byte[] LABELS = bytes(0, 0, 8, 1, 0, 0, 0, 3, 9, 0, 4);

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void readsPlainFiles() throws IOException {
        ArrayDataset d = IdxReader.read(write("img", IMAGES), write("lbl", LABELS));
        checkFixture(d);
    }

    @Test
    void readsGzipFilesWhateverTheirName() throws IOException {
        ArrayDataset d = IdxReader.read(write("img.idx", gzip(IMAGES)), write("lbl.gz", gzip(LABELS)));
        checkFixture(d);
    }

    private static void checkFixture(ArrayDataset d) {
        assertThat(d.size()).isEqualTo(3);
        assertThat(d.itemShape()).isEqualTo(Shape.of(1, 2, 3));
        assertThat(d.numClasses()).isEqualTo(10);
        assertThat(d.features(0)).containsExactly(0f, 1f, 0.2f, 0.4f, 0.6f, 0.8f);
        assertThat(d.features(1)).containsExactly(1 / 255f, 2 / 255f, 3 / 255f, 4 / 255f, 5 / 255f, 6 / 255f);
        assertThat(d.features(2)).containsExactly(1f, 1f, 1f, 0f, 0f, 0f);
        assertThat(new int[] {d.label(0), d.label(1), d.label(2)}).containsExactly(9, 0, 4);
    }

    @Test
    void readsImagesAndLabelsSeparately() throws IOException {
        IdxReader.Images images = IdxReader.readImages(write("img", gzip(IMAGES)));
        assertThat(images.count()).isEqualTo(3);
        assertThat(images.rows()).isEqualTo(2);
        assertThat(images.cols()).isEqualTo(3);
        assertThat(images.pixels()).hasSize(18);
        assertThat(IdxReader.readLabels(write("lbl", LABELS))).containsExactly(9, 0, 4);
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Path missing = dir.resolve("t10k-images-idx3-ubyte.gz");
        Path labels = write("lbl", LABELS);
        assertThatThrownBy(() -> IdxReader.read(missing, labels))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void swappedFilesAreRecognised() throws IOException {
        Path img = write("img", IMAGES);
        Path lbl = write("lbl", LABELS);
        assertThatThrownBy(() -> IdxReader.read(lbl, img))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(img.toString())
                .hasMessageContaining("0x00000803").hasMessageContaining("label file magic 0x00000801")
                .hasMessageContaining("that is an image file");
        assertThatThrownBy(() -> IdxReader.readImages(write("junk", bytes(1, 2, 3, 4, 5, 6, 7, 8))))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("0x01020304");
    }

    @Test
    void countMismatchIsReported() throws IOException {
        Path img = write("img", IMAGES);
        Path lbl = write("lbl", bytes(0, 0, 8, 1, 0, 0, 0, 2, 9, 0));
        assertThatThrownBy(() -> IdxReader.read(img, lbl))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("has 2 labels but").hasMessageContaining("has 3 images");
    }

    @Test
    void truncatedFilesAreReported() throws IOException {
        byte[] cut = Arrays.copyOf(IMAGES, IMAGES.length - 4);
        assertThatThrownBy(() -> IdxReader.readImages(write("plain", cut)))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("truncated: expected 18 bytes of pixels, found 14");
        byte[] gz = gzip(IMAGES);
        assertThatThrownBy(() -> IdxReader.readImages(write("cut.gz", Arrays.copyOf(gz, gz.length - 12))))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> IdxReader.readImages(write("header", Arrays.copyOf(IMAGES, 10))))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> IdxReader.readLabels(write("gzheader", gzip(bytes(0, 0, 8, 1, 0)))))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("truncated");
    }

    @Test
    void otherDamageIsReported() throws IOException {
        byte[] longer = Arrays.copyOf(LABELS, LABELS.length + 1);
        assertThatThrownBy(() -> IdxReader.readLabels(write("long", longer)))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("unexpected bytes after the data");
        assertThatThrownBy(() -> IdxReader.readLabels(write("badgz", bytes(0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11))))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("gzip");
        Path img = write("img", IMAGES);
        Path lbl = write("lbl", LABELS);
        assertThatThrownBy(() -> IdxReader.read(img, lbl, 5))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("label 9 of sample 0 is outside 0..4");
        assertThatThrownBy(() -> IdxReader.readImages(write("neg", bytes(0, 0, 8, 3, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1, 0, 0, 0, 1))))
                .isInstanceOf(FileFormatException.class).hasMessageContaining("negative image count");
    }

    /** The real Fashion-MNIST test split, where the Debian package installed it. */
    @Test
    void readsTheRealFashionMnistTestSplit() throws IOException {
        Path root = Path.of("/usr/share/datasets/fashion-mnist");
        Path images = root.resolve("t10k-images-idx3-ubyte.gz");
        Path labels = root.resolve("t10k-labels-idx1-ubyte.gz");
        OptionalComponent.FASHION_MNIST.assumePresent(Files.isRegularFile(images) && Files.isRegularFile(labels),
                images + " is not there");
        ArrayDataset d = IdxReader.read(images, labels);
        assertThat(d.size()).isEqualTo(10_000);
        assertThat(d.itemShape()).isEqualTo(Shape.of(1, 28, 28));
        assertThat(d.classCounts()).containsOnly(1000);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = 0; i < 100; i++) {
            for (float v : d.features(i)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }
}
