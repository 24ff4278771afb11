package org.robust4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.testing.OptionalComponent;

class NpyTest {
    @TempDir
    Path dir;

    /**
     * A .npy file as the format specification lays it out: magic, version, little-endian header
     * length (2 bytes in 1.0, 4 bytes after), the dict padded with spaces and ended by a newline so
     * the data starts at a multiple of 64, then the data.
     */
    static byte[] npy(int major, String dict, byte[] data) {
        int lengthBytes = major == 1 ? 2 : 4;
        int prefix = 6 + 2 + lengthBytes;
        byte[] text = dict.getBytes(major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int total = (prefix + text.length + 1 + 63) / 64 * 64;
        int headerLength = total - prefix;
        return Bytes.build().hex("93").ascii("NUMPY").le(major, 1).le(0, 1).le(headerLength, lengthBytes)
                .bytes(text).repeat(' ', headerLength - text.length - 1).ascii("\n").bytes(data).toArray();
    }

    @Test
    void readsFloat32InCOrder() throws IOException {
        Path f = write(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                Bytes.build().hex("00 00 00 3f  00 00 80 bf  00 00 00 40  00 00 40 40  00 00 80 40  00 00 a0 40").toArray()));
        HostTensor t = Npy.read(f);
        assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(t.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(t.floats()).containsExactly(0.5f, -1f, 2f, 3f, 4f, 5f);
    }

    @Test
    void readsEveryNativeTypeAndWidensNarrowOnes() throws IOException {
        assertThat(Npy.read(write(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
                Bytes.build().hex("00 00 00 00 00 00 f8 3f").toArray()))).doubles()).containsExactly(1.5);
        HostTensor i4 = Npy.read(write(npy(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }",
                Bytes.build().hex("01 00 00 00  fe ff ff ff  02 01 00 00").toArray())));
        assertThat(i4.shape()).isEqualTo(Shape.of(3));
        assertThat(i4.ints()).containsExactly(1, -2, 258);
        // Python 2 wrote longs with an L suffix.
        HostTensor i8 = Npy.read(write(npy(1, "{'descr': '<i8', 'fortran_order': False, 'shape': (2L,), }",
                Bytes.build().hex("07 00 00 00 00 00 00 00  ff ff ff ff ff ff ff ff").toArray())));
        assertThat(i8.longs()).containsExactly(7L, -1L);
        HostTensor u1 = Npy.read(write(npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2), }",
                Bytes.build().hex("00 ff 80 01").toArray())));
        assertThat(u1.dtype()).isEqualTo(DType.INT32);
        assertThat(u1.ints()).containsExactly(0, 255, 128, 1);
        assertThat(Npy.read(write(npy(1, "{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }",
                Bytes.build().hex("01 00 01").toArray()))).ints()).containsExactly(1, 0, 1);
        assertThat(Npy.read(write(npy(1, "{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }",
                Bytes.build().hex("00 3c 00 c0").toArray()))).floats()).containsExactly(1f, -2f);
        assertThat(Npy.read(write(npy(1, "{'descr': '<u4', 'fortran_order': False, 'shape': (1,), }",
                Bytes.build().hex("ff ff ff ff").toArray()))).longs()).containsExactly(4294967295L);
    }

    @Test
    void readsEmptyArrays() throws IOException {
        HostTensor t = Npy.read(write(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3), }", new byte[0])));
        assertThat(t.shape()).isEqualTo(Shape.of(0, 3));
        assertThat(t.floats()).isEmpty();
    }

    @Test
    void transposesFortranOrderIntoRowMajor() throws IOException {
        // [[1, 2, 3], [4, 5, 6]] stored column by column.
        HostTensor m = Npy.read(write(npy(1, "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }",
                Bytes.build().le(1, 4).le(4, 4).le(2, 4).le(5, 4).le(3, 4).le(6, 4).toArray())));
        assertThat(m.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(m.ints()).containsExactly(1, 2, 3, 4, 5, 6);

        // a[i][j][k] = 100 i + 10 j + k, written in Fortran order: the first index varies fastest.
        Bytes data = Bytes.build();
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 2; i++) {
                    data.le(100 * i + 10 * j + k, 8);
                }
            }
        }
        HostTensor a = Npy.read(write(npy(1, "{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3, 4), }", data.toArray())));
        assertThat(a.shape()).isEqualTo(Shape.of(2, 3, 4));
        int c = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertThat(a.longs()[c++]).isEqualTo(100 * i + 10 * j + k);
                }
            }
        }
    }

    @Test
    void readsVersions2And3() throws IOException {
        byte[] data = Bytes.build().hex("00 00 80 3f  00 00 00 40").toArray();
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
        byte[] v2 = npy(2, dict, data);
        assertThat(v2[6]).isEqualTo((byte) 2);
        assertThat(Npy.read(write(v2)).floats()).containsExactly(1f, 2f);
        assertThat(Npy.read(write(npy(3, "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2,), \"note\": 'ü'}", data)))
                .floats()).containsExactly(1f, 2f);
    }

    static Stream<Arguments> badFiles() {
        byte[] eight = new byte[8];
        String f4two = "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
        byte[] good = npy(1, f4two, eight);
        byte[] badMagic = good.clone();
        badMagic[1] = 'X';
        byte[] v4 = good.clone();
        v4[6] = 4;
        return Stream.of(
                Arguments.of("empty", new byte[0], "truncated"),
                Arguments.of("bad magic", badMagic, "not a .npy file"),
                Arguments.of("a safetensors file", SafetensorsTest.pytorchFixture(), "not a .npy file"),
                Arguments.of("version 4", v4, "unsupported .npy format version 4.0"),
                Arguments.of("big-endian", npy(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", eight), "big-endian"),
                Arguments.of("complex", npy(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", eight), "unsupported dtype '<c8'"),
                Arguments.of("uint64", npy(1, "{'descr': '<u8', 'fortran_order': False, 'shape': (1,), }", eight), "unsupported dtype '<u8'"),
                Arguments.of("object", npy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", eight), "unsupported dtype '|O'"),
                Arguments.of("structured", npy(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", eight),
                        "structured"),
                Arguments.of("truncated data", java.util.Arrays.copyOf(good, good.length - 1), "truncated: shape [2] of <f4 needs 8 bytes"),
                Arguments.of("trailing data", Bytes.build().bytes(good).hex("00 00").toArray(), "2 unexpected bytes"),
                Arguments.of("header past the end", java.util.Arrays.copyOf(good, 40), "runs past the end"),
                Arguments.of("missing shape", npy(1, "{'descr': '<f4', 'fortran_order': False}", eight), "'shape'"),
                Arguments.of("negative dimension", npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }", eight),
                        "non-negative"),
                Arguments.of("not a dict", npy(1, "('<f4', False, (2,))", eight), "not a dictionary"),
                Arguments.of("garbage header", npy(1, "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,), }", eight),
                        "cannot parse the .npy header"),
                Arguments.of("unterminated string", npy(1, "{'descr: '<f4'}", eight), "cannot parse"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFilesGetAClearError(String name, byte[] bytes, String expected) throws IOException {
        Path f = write(bytes);
        assertThatThrownBy(() -> Npy.read(f))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(f + ": ")
                .hasMessageContaining(expected);
    }

    @Test
    void aMissingFileIsNamed() {
        Path f = dir.resolve("nope.npy");
        assertThatThrownBy(() -> Npy.read(f)).isInstanceOf(NoSuchFileException.class).hasMessageContaining(f.toString());
    }

    /** Cross-check against NumPy itself when it is installed; skipped elsewhere (CI need not have Python). */
    @Test
    void readsWhatNumPyWrites() throws Exception {
        OptionalComponent.NUMPY.assumePresent(run("/usr/bin/python3", "-c", "import numpy") == 0,
                "`/usr/bin/python3 -c 'import numpy'` did not succeed");
        String script = String.join("\n",
                "import numpy as np, sys, os",
                "d = sys.argv[1]",
                "a = (np.arange(24, dtype=np.float32) * 0.5 - 3).reshape(2, 3, 4)",
                "np.save(os.path.join(d, 'c.npy'), a)",
                "np.save(os.path.join(d, 'f.npy'), np.asfortranarray(a))",
                "np.save(os.path.join(d, 'scalar.npy'), np.float64(2.5))",
                "np.save(os.path.join(d, 'i8.npy'), np.arange(-3, 3, dtype=np.int64).reshape(3, 2))",
                "np.save(os.path.join(d, 'u1.npy'), np.arange(250, 256, dtype=np.uint8))",
                "np.save(os.path.join(d, 'empty.npy'), np.zeros((0, 5), dtype=np.float32))",
                "for v in [(2, 0), (3, 0)]:",
                "    with open(os.path.join(d, 'v%d.npy' % v[0]), 'wb') as fp:",
                "        np.lib.format.write_array(fp, a, version=v)");
        Files.writeString(dir.resolve("make.py"), script);
        assertThat(run("/usr/bin/python3", dir.resolve("make.py").toString(), dir.toString())).isZero();

        float[] expected = new float[24];
        for (int i = 0; i < 24; i++) {
            expected[i] = i * 0.5f - 3;
        }
        for (String name : new String[] {"c.npy", "f.npy", "v2.npy", "v3.npy"}) {
            HostTensor t = Npy.read(dir.resolve(name));
            assertThat(t.shape()).as(name).isEqualTo(Shape.of(2, 3, 4));
            assertThat(t.floats()).as(name).containsExactly(expected);
        }
        HostTensor s = Npy.read(dir.resolve("scalar.npy"));
        assertThat(s.shape()).isEqualTo(Shape.scalar());
        assertThat(s.doubles()).containsExactly(2.5);
        assertThat(Npy.read(dir.resolve("i8.npy")).longs()).containsExactly(-3, -2, -1, 0, 1, 2);
        assertThat(Npy.read(dir.resolve("u1.npy")).ints()).containsExactly(250, 251, 252, 253, 254, 255);
        assertThat(Npy.read(dir.resolve("empty.npy")).shape()).isEqualTo(Shape.of(0, 5));
    }

    private static int run(String... command) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(command[0]))) {
            return -1;
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private int files;

    private Path write(byte[] bytes) throws IOException {
        Path f = dir.resolve("a" + (files++) + ".npy");
        Files.write(f, bytes);
        return f;
    }
}
