package org.robust4j.core.data;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.robust4j.core.io.FileFormatException;
import org.robust4j.core.tensor.Shape;

/**
 * Reads the binary version of CIFAR-10 ({@code cifar-10-batches-bin}): files of 3073-byte records,
 * one label byte (0..9) followed by the 32x32 red, green and blue planes, row-major. Each image
 * becomes {@code [3, 32, 32]} floats in [0, 1] ({@code byte / 255}).
 */
public final class Cifar10Reader {
    public static final int SIDE = 32;
    public static final int IMAGE_BYTES = 3 * SIDE * SIDE;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final Shape ITEM_SHAPE = Shape.of(3, SIDE, SIDE);
    /** Class names by label, as in {@code batches.meta.txt}. */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer",
            "dog", "frog", "horse", "ship", "truck");
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";

    private Cifar10Reader() {}

    /** The 50000 training images: {@code data_batch_1.bin} to {@code data_batch_5.bin} in {@code dir}. */
    public static ArrayDataset readTrain(Path dir) throws IOException {
        checkNotNull(dir, "dir");
        List<Path> files = new ArrayList<>();
        for (String f : TRAIN_FILES) {
            files.add(dir.resolve(f));
        }
        return read(files);
    }

    /** The 10000 test images: {@code test_batch.bin} in {@code dir}. */
    public static ArrayDataset readTest(Path dir) throws IOException {
        checkNotNull(dir, "dir");
        return read(List.of(dir.resolve(TEST_FILE)));
    }

    /** The records of {@code files}, in order. All files are checked to exist and be whole before any is read. */
    public static ArrayDataset read(List<Path> files) throws IOException {
        checkArgument(!files.isEmpty(), "Cifar10Reader: no files given");
        long records = 0;
        for (Path f : files) {
            checkNotNull(f, "file");
            if (!Files.isRegularFile(f)) {
                throw new NoSuchFileException(f.toString(), null, "CIFAR-10 file not found");
            }
            long size = Files.size(f);
            if (size == 0) {
                throw new FileFormatException(f, "is empty, expected " + RECORD_BYTES + "-byte CIFAR-10 records");
            }
            if (size % RECORD_BYTES != 0) {
                throw new FileFormatException(f, "truncated or not a CIFAR-10 binary file: " + size + " bytes is not a whole"
                        + " number of " + RECORD_BYTES + "-byte records (" + (size / RECORD_BYTES) + " records and "
                        + (size % RECORD_BYTES) + " bytes)");
            }
            records += size / RECORD_BYTES;
        }
        if (records * IMAGE_BYTES > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Cifar10Reader: " + records + " images do not fit in one array");
        }
        int n = (int) records;
        float[] pixels = new float[n * IMAGE_BYTES];
        int[] labels = new int[n];
        byte[] record = new byte[RECORD_BYTES];
        int at = 0;
        for (Path f : files) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
                int inFile = 0;
                while (readRecord(in, record)) {
                    int label = record[0] & 0xFF;
                    if (label >= CLASSES.size()) {
                        throw new FileFormatException(f, "label " + label + " of record " + inFile + " is outside 0..9:"
                                + " not a CIFAR-10 binary file (CIFAR-100's records are 3074 bytes)");
                    }
                    if (at == n) {
                        throw new FileFormatException(f, "grew while being read");
                    }
                    labels[at] = label;
                    int base = at * IMAGE_BYTES;
                    for (int i = 0; i < IMAGE_BYTES; i++) {
                        pixels[base + i] = (record[1 + i] & 0xFF) / 255f;
                    }
                    at++;
                    inFile++;
                }
            }
        }
        if (at != n) {
            throw new FileFormatException(files.get(files.size() - 1), "shrank while being read");
        }
        return new ArrayDataset(pixels, labels, ITEM_SHAPE, CLASSES.size());
    }

    /** Reads one whole record; false at a clean end of file. */
    private static boolean readRecord(InputStream in, byte[] record) throws IOException {
        int got = in.readNBytes(record, 0, record.length);
        if (got == 0) {
            return false;
        }
        if (got < record.length) {
            throw new IOException("the file ended inside a record: it changed while being read");
        }
        return true;
    }
}
