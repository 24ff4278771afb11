package org.robust4j.nd4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.core.io.HostTensor;
import org.robust4j.core.io.Npy;
import org.robust4j.core.io.Safetensors;
import org.robust4j.core.io.SafetensorsFile;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.nd4j.Nd4jBackend;

/** Safetensors and .npy at the Tensor level, on the ND4J backend. */
class SafetensorsTensorTest {
    static Nd4jBackend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        backend = new Nd4jBackend(64L << 20);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void saveThenLoadIsBitIdenticalForEveryDtype() throws IOException {
        float[] floats = {0f, -0f, 1.5f, Float.NaN, Float.intBitsToFloat(0x7FC00001), Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, 1e-40f, -3f, 7f};
        double[] doubles = {0d, -0d, Math.E, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, -Double.MAX_VALUE, 1e-310, 2d};
        int[] ints = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 42, 0x12345678};
        long[] longs = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789ABCDEFL, 7L};

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("layer.0.weight", Tensor.of(backend, floats, 3, 4));
        tensors.put("f64", Tensor.of(backend, doubles, 2, 5));
        tensors.put("i32", Tensor.ofInts(backend, ints, 6));
        tensors.put("i64", Tensor.ofLongs(backend, longs, 2, 1, 3));
        tensors.put("scalar", Tensor.scalar(backend, -0.0, DType.FLOAT32));
        tensors.put("scalar64", Tensor.scalar(backend, 0.1, DType.FLOAT64));
        tensors.put("empty", Tensor.zeros(backend, DType.FLOAT32, 2, 0, 3));
        tensors.put("empty_i64", Tensor.zeros(backend, DType.INT64, 0));
        Path f = dir.resolve("model.safetensors");
        Safetensors.save(f, tensors, Map.of("format", "pt"));

        try (SafetensorsFile<Tensor> back = Safetensors.load(f, backend)) {
            assertThat(back.metadata()).containsExactly(Map.entry("format", "pt"));
            assertThat(back.tensors()).containsOnlyKeys(tensors.keySet());
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                Tensor want = e.getValue();
                Tensor got = back.get(e.getKey());
                assertThat(got.dtype()).as(e.getKey()).isEqualTo(want.dtype());
                assertThat(got.shape()).as(e.getKey()).isEqualTo(want.shape());
                assertThat(rawBits(HostTensor.of(got))).as(e.getKey()).isEqualTo(rawBits(HostTensor.of(want)));
            }
        }
        try (Tensor w = Safetensors.loadTensor(f, "layer.0.weight", backend)) {
            assertThat(w.shape()).isEqualTo(Shape.of(3, 4));
            assertThat(Float.floatToRawIntBits(w.toFloatArray()[4])).isEqualTo(0x7FC00001);
        }
        tensors.values().forEach(Tensor::close);
    }

    @Test
    void theFileHoldsTheTensorsLittleEndianAfterTheHeader() throws IOException {
        Path f = dir.resolve("w.safetensors");
        try (Tensor w = Tensor.of(backend, new float[] {1, 2, 3, 4}, 2, 2)) {
            Safetensors.save(f, Map.of("w", w));
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        long n = bytes.getLong();
        assertThat(new String(bytes.array(), 8, (int) n, StandardCharsets.UTF_8).strip())
                .isEqualTo("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}");
        bytes.position((int) (8 + n));
        assertThat(new float[] {bytes.getFloat(), bytes.getFloat(), bytes.getFloat(), bytes.getFloat()})
                .containsExactly(1f, 2f, 3f, 4f);
    }

    @Test
    void aTensorFailingMidWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("model.safetensors");
        Files.write(f, new byte[] {1, 2, 3});
        Tensor good = Tensor.of(backend, new float[70_000], 70_000); // big enough that bytes reach the temporary file
        Tensor released = Tensor.of(backend, new float[] {1, 2}, 2);
        released.close(); // reading it now throws, after "a" has been written
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", good);
        tensors.put("b", released);
        assertThatThrownBy(() -> Safetensors.save(f, tensors, Map.of())).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("model.safetensors");
        }
        good.close();
    }

    @Test
    void loadedTensorsJoinTheCallersScope() throws IOException {
        Path f = dir.resolve("s.safetensors");
        try (Tensor w = Tensor.of(backend, new float[] {1, 2}, 2)) {
            Safetensors.save(f, Map.of("w", w));
        }
        Tensor inside;
        Tensor kept;
        try (Scope scope = Scope.open()) {
            inside = Safetensors.loadTensor(f, "w", backend);
            kept = scope.keep(Safetensors.loadTensor(f, "w", backend));
        }
        assertThatThrownBy(inside::data).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
        assertThat(kept.toFloatArray()).containsExactly(1f, 2f);
        kept.close();
    }

    @Test
    void npyLoadsOntoTheBackend() throws IOException {
        // {'descr': '<i8', 'fortran_order': True, 'shape': (2, 2), } holding [[1, 2], [3, 4]] column by column
        String dict = "{'descr': '<i8', 'fortran_order': True, 'shape': (2, 2), }";
        int headerLength = 128 - 10;
        ByteBuffer b = ByteBuffer.allocate(128 + 32).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) headerLength);
        b.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (b.position() < 127) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n').putLong(1).putLong(3).putLong(2).putLong(4);
        Path f = dir.resolve("a.npy");
        Files.write(f, b.array());
        try (Tensor t = Npy.load(f, backend)) {
            assertThat(t.dtype()).isEqualTo(DType.INT64);
            assertThat(t.shape()).isEqualTo(Shape.of(2, 2));
            assertThat(t.toLongArray()).containsExactly(1, 2, 3, 4);
        }
    }

    private static long[] rawBits(HostTensor t) {
        long[] bits = new long[t.size()];
        for (int i = 0; i < bits.length; i++) {
            switch (t.dtype()) {
                case FLOAT32: bits[i] = Float.floatToRawIntBits(t.floats()[i]); break;
                case FLOAT64: bits[i] = Double.doubleToRawLongBits(t.doubles()[i]); break;
                case INT32: bits[i] = t.ints()[i]; break;
                default: bits[i] = t.longs()[i];
            }
        }
        return bits;
    }
}
