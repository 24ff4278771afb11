package org.robust4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.robust4j.core.io.SafetensorsHeader.TensorInfo;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

class SafetensorsTest {
    @TempDir
    Path dir;

    // ------------------------------------------------------------------ reading fixtures built from the spec

    /** What {@code safetensors.torch.save_file({"w": tensor([[1., 2.], [3., 4.]])}, metadata={"format": "pt"})} writes. */
    static byte[] pytorchFixture() {
        String header = "{\"__metadata__\":{\"format\":\"pt\"},\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}";
        return Bytes.build()
                .hex("58 00 00 00 00 00 00 00") // N = 88: the 88-byte header needs no padding
                .ascii(header)
                .hex("00 00 80 3f  00 00 00 40  00 00 40 40  00 00 80 40") // 1f 2f 3f 4f, little-endian
                .toArray();
    }

    @Test
    void readsWhatPyTorchWrites() throws IOException {
        byte[] bytes = pytorchFixture();
        assertThat(bytes).hasSize(8 + 88 + 16);
        Path f = write("torch.safetensors", bytes);

        SafetensorsFile<HostTensor> file = Safetensors.loadHost(f);
        assertThat(file.metadata()).containsExactly(Map.entry("format", "pt"));
        assertThat(file.tensors()).containsOnlyKeys("w");
        HostTensor w = file.get("w");
        assertThat(w.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(w.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(w.floats()).containsExactly(1f, 2f, 3f, 4f);

        SafetensorsHeader header = Safetensors.readHeader(f);
        assertThat(header.names()).containsExactly("w");
        assertThat(header.dataStart()).isEqualTo(96);
        assertThat(header.tensor("w")).isEqualTo(new TensorInfo("w", SafetensorsDType.F32, Shape.of(2, 2), 0, 16));
    }

    @Test
    void readsHeadersInAnyKeyOrderWithSpacesAndExtraFields() throws IOException {
        // Offsets out of name order, metadata last, spaces and newlines, an unknown field: all legal.
        String header = "{\n  \"b\": {\"shape\": [], \"dtype\": \"I64\", \"data_offsets\": [16, 24], \"extra\": 1},\n"
                + "  \"a\": {\"dtype\": \"F64\", \"data_offsets\": [0, 16], \"shape\": [2]},\n"
                + "  \"c\": {\"dtype\": \"I32\", \"shape\": [0, 3], \"data_offsets\": [24, 24]},\n"
                + "  \"d\": {\"dtype\": \"I32\", \"shape\": [1], \"data_offsets\": [24, 28]},\n"
                + "  \"__metadata__\": {\"z\": \"last\", \"a\": \"first\"}\n}";
        byte[] data = Bytes.build()
                .hex("00 00 00 00 00 00 f8 3f  00 00 00 00 00 00 00 c0") // a = [1.5, -2.0]
                .hex("ff ff ff ff ff ff ff ff")                          // b = -1 (scalar)
                .hex("02 01 00 00")                                      // d = [258]
                .toArray();
        Path f = write("any-order.safetensors", Bytes.safetensors(header, data));

        SafetensorsFile<HostTensor> file = Safetensors.loadHost(f);
        assertThat(file.tensors().keySet()).containsExactly("a", "b", "c", "d"); // file (offset) order
        assertThat(file.metadata().keySet()).containsExactly("z", "a");
        assertThat(file.get("a").doubles()).containsExactly(1.5, -2.0);
        assertThat(file.get("b").shape()).isEqualTo(Shape.scalar());
        assertThat(file.get("b").longs()).containsExactly(-1L);
        assertThat(file.get("c").shape()).isEqualTo(Shape.of(0, 3));
        assertThat(file.get("c").ints()).isEmpty();
        assertThat(file.get("d").ints()).containsExactly(258);
    }

    @Test
    void widensNarrowTypesExactly() throws IOException {
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[7],\"data_offsets\":[0,14]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[14,18]},"
                + "\"u8\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[18,21]},"
                + "\"i8\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[21,23]},"
                + "\"b\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[23,25]},"
                + "\"i16\":{\"dtype\":\"I16\",\"shape\":[2],\"data_offsets\":[25,29]},"
                + "\"u16\":{\"dtype\":\"U16\",\"shape\":[1],\"data_offsets\":[29,31]},"
                + "\"u32\":{\"dtype\":\"U32\",\"shape\":[1],\"data_offsets\":[31,35]}}";
        byte[] data = Bytes.build()
                .hex("00 3c  00 c0  00 38  ff 7b  01 00  00 7c  00 7e") // 1, -2, 0.5, 65504, 2^-24, inf, NaN
                .hex("80 3f  40 c0")                                   // 1, -3
                .hex("00 ff 7f").hex("ff 80").hex("01 00")
                .hex("ff ff 00 80").hex("ff ff").hex("ff ff ff ff")
                .toArray();
        Path f = write("narrow.safetensors", Bytes.safetensors(header, data));
        SafetensorsFile<HostTensor> file = Safetensors.loadHost(f);
        assertThat(file.get("h").floats()).containsExactly(1f, -2f, 0.5f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY, Float.NaN);
        assertThat(file.get("bf").floats()).containsExactly(1f, -3f);
        assertThat(file.get("u8").ints()).containsExactly(0, 255, 127);
        assertThat(file.get("i8").ints()).containsExactly(-1, -128);
        assertThat(file.get("b").ints()).containsExactly(1, 0);
        assertThat(file.get("i16").ints()).containsExactly(-1, -32768);
        assertThat(file.get("u16").ints()).containsExactly(65535);
        assertThat(file.get("u32").longs()).containsExactly(4294967295L);
    }

    @Test
    void halfPrecisionConversionMatchesTheDefinitionForAllValues() {
        List<String> wrong = new ArrayList<>();
        for (int h = 0; h < 1 << 16; h++) {
            int exp = (h >>> 10) & 0x1F;
            int mant = h & 0x3FF;
            double sign = (h & 0x8000) != 0 ? -1 : 1;
            float got = ElementCodec.halfToFloat(h);
            boolean ok;
            if (exp == 0x1F) {
                ok = mant == 0 ? got == sign * Double.POSITIVE_INFINITY : Float.isNaN(got);
            } else {
                double expected = exp == 0 ? sign * mant * Math.pow(2, -24) : sign * (1 + mant / 1024.0) * Math.pow(2, exp - 15);
                ok = got == expected && Math.copySign(1f, got) == sign; // -0.0 stays negative
            }
            if (!ok) {
                wrong.add(String.format("%04x -> %s", h, got));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void unsupportedDtypesAreListedInTheHeaderButNotLoaded() throws IOException {
        String header = "{\"big\":{\"dtype\":\"U64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"ok\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        Path f = write("u64.safetensors", Bytes.safetensors(header, Bytes.build().repeat(0, 8).hex("00 00 80 3f").toArray()));
        assertThat(Safetensors.readHeader(f).tensor("big").dtype()).isEqualTo(SafetensorsDType.U64);
        assertThat(SafetensorsDType.U64.loadsAs()).isEmpty();
        assertThat(Safetensors.loadHostTensor(f, "ok").floats()).containsExactly(1f);
        assertThatThrownBy(() -> Safetensors.loadHostTensor(f, "big"))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(f.toString())
                .hasMessageContaining("tensor 'big'").hasMessageContaining("U64");
        assertThatThrownBy(() -> Safetensors.loadHost(f)).isInstanceOf(FileFormatException.class);
    }

    @Test
    void loadsOneTensorByName() throws IOException {
        Path f = write("torch.safetensors", pytorchFixture());
        assertThat(Safetensors.loadHostTensor(f, "w").floats()).containsExactly(1f, 2f, 3f, 4f);
        assertThatThrownBy(() -> Safetensors.loadHostTensor(f, "bias"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no tensor named 'bias'").hasMessageContaining("'w'");
    }

    @Test
    void aMissingFileIsNamed() {
        Path f = dir.resolve("missing.safetensors");
        assertThatThrownBy(() -> Safetensors.readHeader(f)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(f.toString());
    }

    // ------------------------------------------------------------------ the writer, checked against the reference

    /** The byte vectors of the reference implementation's own serialization tests (safetensors/src/tensor.rs). */
    @Test
    void writesExactlyTheReferenceBytes() throws IOException {
        float[] zeroToFive = {0, 1, 2, 3, 4, 5};
        byte[] data = Bytes.build().hex("00 00 00 00  00 00 80 3f  00 00 00 40  00 00 40 40  00 00 80 40  00 00 a0 40")
                .toArray();

        Path a = dir.resolve("a.safetensors");
        Safetensors.saveHost(a, Map.of("attn.0", HostTensor.ofFloats(Shape.of(1, 2, 3), zeroToFive)), Map.of());
        assertThat(Files.readAllBytes(a)).isEqualTo(Bytes.build().le(64, 8)
                .ascii("{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}").bytes(data).toArray());

        Path b = dir.resolve("b.safetensors"); // a shorter name forces 7 bytes of padding
        Safetensors.saveHost(b, Map.of("attn0", HostTensor.ofFloats(Shape.of(1, 1, 2, 3), zeroToFive)), Map.of());
        assertThat(Files.readAllBytes(b)).isEqualTo(Bytes.build().le(72, 8)
                .ascii("{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}").ascii("       ")
                .bytes(data).toArray());

        Path c = dir.resolve("c.safetensors");
        Safetensors.saveHost(c, Map.of(), Map.of());
        assertThat(Files.readAllBytes(c)).isEqualTo(Bytes.build().le(8, 8).ascii("{}      ").toArray());

        Path d = dir.resolve("d.safetensors");
        Safetensors.saveHost(d, Map.of(), Map.of("framework", "pt"));
        assertThat(Files.readAllBytes(d)).isEqualTo(Bytes.build().le(40, 8)
                .ascii("{\"__metadata__\":{\"framework\":\"pt\"}}     ").toArray());

        Path e = dir.resolve("e.safetensors");
        Safetensors.saveHost(e, Map.of("w", HostTensor.ofFloats(Shape.of(2, 2), new float[] {1, 2, 3, 4})),
                Map.of("format", "pt"));
        assertThat(Files.readAllBytes(e)).isEqualTo(pytorchFixture());
    }

    @Test
    void writesLargerDtypesFirstThenByNameWithAlignedContiguousData() throws IOException {
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("i32", HostTensor.ofInts(Shape.of(3), new int[] {1, -2, 3}));
        tensors.put("b_f32", HostTensor.ofFloats(Shape.of(1), new float[] {0.25f}));
        tensors.put("a_f32", HostTensor.ofFloats(Shape.of(2), new float[] {-1f, 2f}));
        tensors.put("f64", HostTensor.ofDoubles(Shape.of(1, 1), new double[] {Math.PI}));
        tensors.put("i64", HostTensor.ofLongs(Shape.scalar(), new long[] {Long.MIN_VALUE}));
        tensors.put("empty", HostTensor.ofFloats(Shape.of(0), new float[0]));
        Path f = dir.resolve("mixed.safetensors");
        Safetensors.saveHost(f, tensors, Map.of("b", "2", "a", "1"));

        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong();
        assertThat((8 + n) % 8).isZero();
        String headerText = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(headerText.substring(headerText.stripTrailing().length())).matches(" *");
        JsonNode header = new ObjectMapper().readTree(headerText);
        List<String> keys = new ArrayList<>();
        header.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("__metadata__", "i64", "f64", "a_f32", "b_f32", "empty", "i32");
        assertThat(header.get("__metadata__").toString()).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");

        long offset = 0;
        for (String k : keys.subList(1, keys.size())) {
            JsonNode t = header.get(k);
            long begin = t.get("data_offsets").get(0).asLong();
            long end = t.get("data_offsets").get(1).asLong();
            assertThat(begin).as(k).isEqualTo(offset);
            int width = Map.of("I64", 8, "F64", 8, "F32", 4, "I32", 4).get(t.get("dtype").asText());
            assertThat((8 + n + begin) % width).as("%s aligned", k).isZero();
            offset = end;
        }
        assertThat(header.get("i64").toString()).isEqualTo("{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}");
        assertThat(header.get("f64").get("shape").toString()).isEqualTo("[1,1]");
        assertThat(bytes.length).isEqualTo(8 + n + offset);

        buf.position((int) (8 + n));
        assertThat(buf.getLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(buf.getDouble()).isEqualTo(Math.PI);
        assertThat(buf.getFloat()).isEqualTo(-1f);
        assertThat(buf.getFloat()).isEqualTo(2f);
        assertThat(buf.getFloat()).isEqualTo(0.25f);
        assertThat(new int[] {buf.getInt(), buf.getInt(), buf.getInt()}).containsExactly(1, -2, 3);
        assertThat(buf.hasRemaining()).isFalse();
    }

    @Test
    void roundTripIsBitIdenticalForEveryDtype() throws IOException {
        float[] floats = {0f, -0f, 1.5f, Float.NaN, Float.intBitsToFloat(0x7FC00001), Float.intBitsToFloat(0xFFC00000),
                Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MIN_NORMAL, 1e-40f};
        double[] doubles = {0d, -0d, Math.E, Double.NaN, Double.longBitsToDouble(0x7FF8000000000123L),
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE, 1e-310};
        int[] ints = {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 42, 0x12345678};
        long[] longs = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789ABCDEFL, 7L};

        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("f32", HostTensor.ofFloats(Shape.of(3, 4), floats));
        tensors.put("f64", HostTensor.ofDoubles(Shape.of(2, 5), doubles));
        tensors.put("i32", HostTensor.ofInts(Shape.of(6), ints));
        tensors.put("i64", HostTensor.ofLongs(Shape.of(2, 1, 3), longs));
        tensors.put("scalar_f32", HostTensor.ofFloats(Shape.scalar(), new float[] {-0f}));
        tensors.put("scalar_i64", HostTensor.ofLongs(Shape.scalar(), new long[] {-5}));
        tensors.put("empty_f64", HostTensor.ofDoubles(Shape.of(2, 0, 3), new double[0]));
        tensors.put("empty_i32", HostTensor.ofInts(Shape.of(0), new int[0]));
        tensors.put("unicode ✓ name", HostTensor.ofFloats(Shape.of(1), new float[] {3f}));
        Map<String, String> metadata = Map.of("format", "pt", "note", "ünïcödé ✓", "empty", "");
        Path f = dir.resolve("round.safetensors");
        Safetensors.saveHost(f, tensors, metadata);

        SafetensorsFile<HostTensor> back = Safetensors.loadHost(f);
        assertThat(back.metadata()).isEqualTo(metadata);
        assertThat(back.tensors()).containsOnlyKeys(tensors.keySet());
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            HostTensor want = e.getValue();
            HostTensor got = back.get(e.getKey());
            assertThat(got.dtype()).as(e.getKey()).isEqualTo(want.dtype());
            assertThat(got.shape()).as(e.getKey()).isEqualTo(want.shape());
            assertThat(rawBits(got)).as(e.getKey()).isEqualTo(rawBits(want));
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

    @Test
    void largeTensorsRoundTripThroughTheChunkedBuffers() throws IOException {
        float[] v = new float[300_001]; // several 64 KiB chunks and a ragged tail
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.5f - 7;
        }
        Path f = dir.resolve("large.safetensors");
        Safetensors.saveHost(f, Map.of("v", HostTensor.ofFloats(Shape.of(v.length), v)), Map.of());
        assertThat(Safetensors.loadHostTensor(f, "v").floats()).isEqualTo(v);
    }

    @Test
    void badArgumentsAreRejectedBeforeAnythingIsWritten() throws IOException {
        Path f = write("keep.safetensors", pytorchFixture());
        HostTensor t = HostTensor.ofFloats(Shape.of(1), new float[] {1});
        assertThatThrownBy(() -> Safetensors.saveHost(f, Map.of("__metadata__", t), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("k", null);
        assertThatThrownBy(() -> Safetensors.saveHost(f, Map.of("t", t), nullValue))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readAllBytes(f)).isEqualTo(pytorchFixture());
        assertThat(listing()).containsExactly("keep.safetensors");
    }

    @Test
    void aFailedSaveLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("model.safetensors");
        Files.createDirectory(target); // a directory in the way: the final rename fails
        Files.writeString(target.resolve("x"), "x");
        assertThatThrownBy(() -> Safetensors.saveHost(target,
                Map.of("w", HostTensor.ofFloats(Shape.of(1), new float[] {1})), Map.of())).isInstanceOf(IOException.class);
        assertThat(target.resolve("x")).hasContent("x");
        assertThat(listing()).containsExactly("model.safetensors");
    }

    // ------------------------------------------------------------------ corrupt files

    static Stream<Arguments> corruptFiles() {
        byte[] sixteen = new byte[16];
        String w16 = "\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}";
        return Stream.of(
                Arguments.of("empty file", new byte[0], "too short"),
                Arguments.of("5 bytes", new byte[5], "too short"),
                Arguments.of("header longer than the file", Bytes.build().le(100, 8).ascii("{}").toArray(),
                        "larger than the rest of the file"),
                Arguments.of("absurd header length", Bytes.build().le(200_000_000L, 8).ascii("{}").toArray(),
                        "exceeds the limit"),
                Arguments.of("header length above 2^63", Bytes.build().hex("ff ff ff ff ff ff ff ff").ascii("{}").toArray(),
                        "exceeds the limit"),
                Arguments.of("zero-length header", Bytes.build().le(0, 8).toArray(), "header is empty"),
                Arguments.of("not JSON", Bytes.safetensors("{not json", new byte[0]), "not valid JSON"),
                Arguments.of("trailing garbage", Bytes.safetensors("{} x", new byte[0]), "not valid JSON"),
                Arguments.of("duplicate tensor", Bytes.safetensors("{" + w16 + "," + w16 + "}", sixteen), "Duplicate"),
                Arguments.of("not an object", Bytes.safetensors("[1, 2]", new byte[0]), "must be a JSON object"),
                Arguments.of("invalid UTF-8", Bytes.build().le(8, 8).hex("7b 22 ff fe 22 7d 20 20").toArray(), "UTF-8"),
                Arguments.of("tensor not an object", Bytes.safetensors("{\"w\": 3}", new byte[0]), "tensor 'w'"),
                Arguments.of("missing dtype", Bytes.safetensors("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]),
                        "tensor 'w': missing field 'dtype'"),
                Arguments.of("missing shape", Bytes.safetensors("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", new byte[4]),
                        "tensor 'w': missing field 'shape'"),
                Arguments.of("missing offsets", Bytes.safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]),
                        "tensor 'w': missing field 'data_offsets'"),
                Arguments.of("dtype not a string", Bytes.safetensors("{\"w\":{\"dtype\":4,\"shape\":[1],\"data_offsets\":[0,4]}}",
                        new byte[4]), "dtype must be a string"),
                Arguments.of("unknown dtype", Bytes.safetensors("{\"w\":{\"dtype\":\"F33\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                        new byte[4]), "tensor 'w': unknown dtype 'F33'"),
                Arguments.of("lower-case dtype", Bytes.safetensors("{\"w\":{\"dtype\":\"f32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                        new byte[4]), "unknown dtype 'f32'"),
                Arguments.of("negative dimension", Bytes.safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,-2],\"data_offsets\":[0,16]}}",
                        sixteen), "non-negative integers"),
                Arguments.of("fractional dimension", Bytes.safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,10]}}",
                        new byte[10]), "non-negative integers"),
                Arguments.of("shape not an array", Bytes.safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":4,\"data_offsets\":[0,16]}}",
                        sixteen), "shape must be an array"),
                Arguments.of("one offset", Bytes.safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4]}}",
                        new byte[4]), "data_offsets must be [begin, end]"),
                Arguments.of("negative offset", Bytes.safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}",
                        new byte[4]), "data_offsets must be [begin, end]"),
                Arguments.of("end before begin", Bytes.safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}",
                        new byte[4]), "end before they begin"),
                Arguments.of("offsets do not match shape", Bytes.safetensors("{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}",
                        new byte[12]), "hold 12 bytes but shape [2, 2] of F32 needs 16"),
                Arguments.of("overlapping tensors", Bytes.safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", new byte[24]), "tensor 'b' at bytes [8, 24) overlaps tensor 'a'"),
                Arguments.of("gap between tensors", Bytes.safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", new byte[12]), "contiguous"),
                Arguments.of("data not starting at 0", Bytes.safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                        new byte[8]), "tensor 'a' starts at byte 4"),
                Arguments.of("offsets past the end", Bytes.safetensors("{" + w16 + "}", new byte[12]), "truncated"),
                Arguments.of("truncated data", Arrays.copyOf(pytorchFixture(), pytorchFixture().length - 3), "truncated"),
                Arguments.of("trailing data", Bytes.build().bytes(pytorchFixture()).hex("00").toArray(), "1 unexpected bytes"),
                Arguments.of("metadata not an object", Bytes.safetensors("{\"__metadata__\":[1]}", new byte[0]), "__metadata__ must be an object"),
                Arguments.of("metadata value not a string", Bytes.safetensors("{\"__metadata__\":{\"epoch\":3}}", new byte[0]),
                        "'epoch' is number"),
                Arguments.of("dimension too large", Bytes.safetensors("{\"w\":{\"dtype\":\"U8\",\"shape\":[4294967296],\"data_offsets\":[0,4294967296]}}",
                        new byte[0]), "larger than robust4j supports"),
                Arguments.of("size overflow", Bytes.safetensors("{\"w\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647],"
                        + "\"data_offsets\":[0,8]}}", new byte[8]), "too large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptFiles")
    void corruptFilesGetAClearErrorNamingTheFile(String name, byte[] bytes, String expected) throws IOException {
        Path f = write("corrupt.safetensors", bytes);
        for (var read : List.<IoConsumer<Path>>of(Safetensors::readHeader, Safetensors::loadHost)) {
            assertThatThrownBy(() -> read.accept(f))
                    .isInstanceOf(FileFormatException.class)
                    .hasMessageStartingWith(f.toString() + ": ")
                    .hasMessageContaining(expected)
                    .satisfies(e -> assertThat(((FileFormatException) e).file()).isEqualTo(f));
        }
        assertThat(Files.readAllBytes(f)).isEqualTo(bytes); // reading never changes the file
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
