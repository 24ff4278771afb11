package org.robust4j.core.data;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.robust4j.core.io.FileFormatException;
import org.robust4j.core.tensor.Shape;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST, plain or gzip-compressed (detected from the
 * first bytes, {@code 1f 8b}, not from the file name):
 *
 * <pre>
 * images  0x00000803, count, rows, cols (big-endian int32), then count*rows*cols unsigned bytes
 * labels  0x00000801, count, then count unsigned bytes
 * </pre>
 *
 * Pixels become floats in [0, 1] ({@code byte / 255}, as torchvision's {@code ToTensor}), each
 * image of shape {@code [1, rows, cols]}.
 */
public final class IdxReader {
    /** Unsigned bytes, 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Unsigned bytes, 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int CHUNK = 1 << 16;

    private IdxReader() {}

    /** Images of one IDX file: {@code count} images of {@code rows x cols} pixels in [0, 1], back to back. */
    public record Images(int count, int rows, int cols, float[] pixels) {
        public Shape itemShape() {
            return Shape.of(1, rows, cols);
        }
    }

    /** Reads an image file and its label file as a dataset of 10 classes (MNIST, Fashion-MNIST). */
    public static ArrayDataset read(Path images, Path labels) throws IOException {
        return read(images, labels, 10);
    }

    /** Reads an image file and its label file; every label must be below {@code numClasses}. */
    public static ArrayDataset read(Path images, Path labels, int numClasses) throws IOException {
        checkArgument(numClasses > 0, "IdxReader: numClasses must be positive, got %s", numClasses);
        checkExists(images);
        checkExists(labels);
        int[] y = readLabels(labels);
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= numClasses) {
                throw new FileFormatException(labels, "label " + y[i] + " of sample " + i + " is outside 0.." + (numClasses - 1));
            }
        }
        Images x = readImages(images);
        if (x.count() != y.length) {
            throw new FileFormatException(labels, "has " + y.length + " labels but " + images + " has " + x.count()
                    + " images");
        }
        return new ArrayDataset(x.pixels(), y, x.itemShape(), numClasses);
    }

    /** Reads an IDX image file (magic {@code 0x00000803}). */
    public static Images readImages(Path file) throws IOException {
        checkExists(file);
        try (DataInputStream in = open(file)) {
            checkMagic(file, in, IMAGES_MAGIC, "image");
            int count = dimension(file, in, "image count");
            int rows = dimension(file, in, "rows");
            int cols = dimension(file, in, "columns");
            long total = (long) count * rows * cols;
            if (total > Integer.MAX_VALUE - 8) {
                throw new FileFormatException(file, count + " images of " + rows + "x" + cols + " are too many for one array");
            }
            float[] pixels = new float[(int) total];
            readBytes(file, in, (int) total, "pixels", (chunk, from, n) -> {
                for (int i = 0; i < n; i++) {
                    pixels[from + i] = (chunk[i] & 0xFF) / 255f;
                }
            });
            checkEnd(file, in);
            return new Images(count, rows, cols, pixels);
        }
    }

    /** Reads an IDX label file (magic {@code 0x00000801}); labels are 0..255. */
    public static int[] readLabels(Path file) throws IOException {
        checkExists(file);
        try (DataInputStream in = open(file)) {
            checkMagic(file, in, LABELS_MAGIC, "label");
            int count = dimension(file, in, "label count");
            int[] labels = new int[count];
            readBytes(file, in, count, "labels", (chunk, from, n) -> {
                for (int i = 0; i < n; i++) {
                    labels[from + i] = chunk[i] & 0xFF;
                }
            });
            checkEnd(file, in);
            return labels;
        }
    }

    private static void checkExists(Path file) throws NoSuchFileException {
        checkNotNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "IDX file not found");
        }
    }

    /** A big-endian stream over the file's bytes, decompressed when they start with the gzip magic. */
    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), CHUNK);
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1F && b1 == 0x8B ? new BufferedInputStream(new GZIPInputStream(raw, CHUNK), CHUNK) : raw;
            return new DataInputStream(in);
        } catch (ZipException e) {
            raw.close();
            throw new FileFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            raw.close();
            if (e instanceof EOFException) {
                throw new FileFormatException(file, "truncated gzip data", e);
            }
            throw e;
        }
    }

    private static void checkMagic(Path file, DataInputStream in, int expected, String kind) throws IOException {
        int magic = readInt(file, in, "the magic number");
        if (magic != expected) {
            String hint = magic == IMAGES_MAGIC ? " (that is an image file)"
                    : magic == LABELS_MAGIC ? " (that is a label file)" : "";
            throw new FileFormatException(file, String.format("magic number 0x%08X is not the IDX %s file magic 0x%08X%s",
                    magic, kind, expected, hint));
        }
    }

    private static int dimension(Path file, DataInputStream in, String what) throws IOException {
        int d = readInt(file, in, "the " + what);
        if (d < 0) {
            throw new FileFormatException(file, "negative " + what + " " + d);
        }
        return d;
    }

    private static int readInt(Path file, DataInputStream in, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new FileFormatException(file, "truncated: the file ends before " + what, e);
        } catch (ZipException e) {
            throw new FileFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
        }
    }

    private interface ChunkSink {
        void accept(byte[] chunk, int from, int count);
    }

    private static void readBytes(Path file, DataInputStream in, int total, String what, ChunkSink sink)
            throws IOException {
        byte[] chunk = new byte[CHUNK];
        int done = 0;
        while (done < total) {
            int want = Math.min(CHUNK, total - done);
            int got = 0;
            try {
                while (got < want) {
                    int r = in.read(chunk, got, want - got);
                    if (r < 0) {
                        throw new FileFormatException(file, "truncated: expected " + total + " bytes of " + what
                                + ", found " + (done + got));
                    }
                    got += r;
                }
            } catch (EOFException e) {
                // GZIPInputStream's way of saying the compressed stream ends early.
                throw new FileFormatException(file, "truncated: expected " + total + " bytes of " + what
                        + ", the compressed data ends after " + (done + got), e);
            } catch (ZipException e) {
                throw new FileFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
            }
            sink.accept(chunk, done, want);
            done += want;
        }
    }

    /** Extra bytes mean the header and the data disagree: a wrong or damaged file. */
    private static void checkEnd(Path file, DataInputStream in) throws IOException {
        int extra;
        try {
            extra = in.read();
        } catch (EOFException e) {
            throw new FileFormatException(file, "truncated gzip data after the last byte", e);
        } catch (ZipException e) {
            throw new FileFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
        }
        if (extra >= 0) {
            throw new FileFormatException(file, "unexpected bytes after the data its header describes");
        }
    }
}
