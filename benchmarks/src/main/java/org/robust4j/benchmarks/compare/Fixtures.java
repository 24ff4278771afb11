package org.robust4j.benchmarks.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.nn.Module;
import org.robust4j.core.nn.Parameter;
import org.robust4j.core.tensor.Scope;
import org.robust4j.core.tensor.Tensor;

/**
 * The arrays both sides read, so they attack the same model on the same images and bound the same
 * kernels: {@code DIR/manifest.json} ({@code {"format": 1, "entries": {NAME: {"file", "shape",
 * "dtype"}}}}) and one raw little-endian, C-order file per entry ({@code float32} or {@code int32},
 * no header). {@link FixtureWriter} writes them.
 */
final class Fixtures {
    static final int FORMAT = 1;
    static final String MANIFEST = "manifest.json";

    private final Path dir;
    private JsonNode entries;

    Fixtures(Path dir) {
        this.dir = dir;
    }

    /** Whether {@code dir} holds a complete set in this format (the manifest is written last). */
    static boolean complete(Path dir) {
        try {
            JsonNode m = new ObjectMapper().readTree(dir.resolve(MANIFEST).toFile());
            return m.path("format").asInt() == FORMAT;
        } catch (IOException e) {
            return false;
        }
    }

    float[] floats(String name) throws IOException {
        ByteBuffer b = buffer(name, "float32", 4);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    int[] ints(String name) throws IOException {
        ByteBuffer b = buffer(name, "int32", 4);
        int[] v = new int[b.remaining() / 4];
        b.asIntBuffer().get(v);
        return v;
    }

    int[] shape(String name) throws IOException {
        JsonNode s = entry(name).path("shape");
        int[] shape = new int[s.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = s.get(i).asInt();
        }
        return shape;
    }

    /** A float32 entry as an untracked tensor of its stored shape. */
    Tensor tensor(Backend b, String name) throws IOException {
        float[] v = floats(name);
        int[] shape = shape(name);
        return Scope.untracked(() -> Tensor.of(b, v, shape));
    }

    /** Copies entries {@code name(parameter name)} into the module's parameters (PyTorch layouts). */
    void loadInto(Module m, UnaryOperator<String> name) throws IOException {
        for (var e : m.namedParameters().entrySet()) {
            Parameter p = e.getValue();
            String key = name.apply(e.getKey());
            int[] want = p.value().shape().toArray();
            if (!Arrays.equals(want, shape(key))) {
                throw new IOException(key + ": stored shape " + Arrays.toString(shape(key)) + ", the model has "
                        + Arrays.toString(want));
            }
            float[] v = floats(key);
            try (Scope s = Scope.open()) {
                p.value().assign(Tensor.of(p.value().backend(), v, want));
            }
        }
    }

    private JsonNode entry(String name) throws IOException {
        if (entries == null) {
            JsonNode m = new ObjectMapper().readTree(dir.resolve(MANIFEST).toFile());
            if (m.path("format").asInt() != FORMAT) {
                throw new IOException(dir.resolve(MANIFEST) + ": format " + m.path("format") + ", expected " + FORMAT);
            }
            entries = m.path("entries");
        }
        JsonNode e = entries.get(name);
        if (e == null) {
            throw new IOException(dir + ": no fixture named '" + name + "'");
        }
        return e;
    }

    private ByteBuffer buffer(String name, String dtype, int bytes) throws IOException {
        JsonNode e = entry(name);
        if (!dtype.equals(e.path("dtype").asText())) {
            throw new IOException(name + ": dtype " + e.path("dtype").asText() + ", expected " + dtype);
        }
        long count = 1;
        for (int d : shape(name)) {
            count *= d;
        }
        byte[] raw = Files.readAllBytes(dir.resolve(e.path("file").asText()));
        if (raw.length != count * bytes) {
            throw new IOException(name + ": " + raw.length + " bytes, expected " + count * bytes);
        }
        return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes entries one file at a time (each through a temporary file) and the manifest last. */
    static final class FixtureWriter {
        private final Path dir;
        private final ObjectMapper json = new ObjectMapper();
        private final ObjectNode manifest = json.createObjectNode();
        private final ObjectNode entries;

        FixtureWriter(Path dir, String description) throws IOException {
            this.dir = Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(MANIFEST));
            manifest.put("format", FORMAT);
            manifest.put("description", description);
            entries = manifest.putObject("entries");
        }

        void floats(String name, float[] v, int... shape) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            write(name, "float32", b.array(), shape, v.length);
        }

        void ints(String name, int[] v, int... shape) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asIntBuffer().put(v);
            write(name, "int32", b.array(), shape, v.length);
        }

        void tensor(String name, Tensor t) throws IOException {
            floats(name, t.toFloatArray(), t.shape().toArray());
        }

        /** Every parameter of {@code m} under {@code name(parameter name)}. */
        void module(Module m, UnaryOperator<String> name) throws IOException {
            for (var e : m.namedParameters().entrySet()) {
                tensor(name.apply(e.getKey()), e.getValue().value());
            }
        }

        private void write(String name, String dtype, byte[] bytes, int[] shape, int count) throws IOException {
            long expected = 1;
            for (int d : shape) {
                expected *= d;
            }
            if (expected != count) {
                throw new IllegalArgumentException(name + ": " + count + " values for shape " + Arrays.toString(shape));
            }
            String file = name + ".bin";
            Path tmp = dir.resolve(file + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ObjectNode e = entries.putObject(name);
            e.put("file", file);
            var s = e.putArray("shape");
            for (int d : shape) {
                s.add(d);
            }
            e.put("dtype", dtype);
        }

        void finish() throws IOException {
            Path tmp = dir.resolve(MANIFEST + ".tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), manifest);
            Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
