package org.robust4j.core.io;

import static org.robust4j.core.util.Checks.checkArgument;
import static org.robust4j.core.util.Checks.checkNotNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.io.SafetensorsHeader.TensorInfo;
import org.robust4j.core.io.SafetensorsHeaderCodec.Entry;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;

/**
 * Reads and writes <a href="https://github.com/huggingface/safetensors">safetensors</a> files, the
 * tensor format PyTorch, JAX and Hugging Face share:
 *
 * <pre>
 * 8 bytes   N, the header length (unsigned little-endian)
 * N bytes   UTF-8 JSON: {"__metadata__": {"k": "v"}, "name": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 16]}, ...}
 *           padded with spaces so the data starts 8-byte aligned
 * rest      the tensors' bytes, little-endian, row-major; offsets are relative to the start of this section
 * </pre>
 *
 * F32, F64, I32 and I64 load as they are; F16 and BF16 load as FLOAT32, 8- and 16-bit integers and
 * BOOL as INT32, U32 as INT64, all exactly. Files are written as the reference library writes them
 * (tensors of larger dtypes first, then by name; data contiguous), atomically through {@link AtomicFiles}.
 *
 * <p>Errors follow the package rule: {@link IOException} for I/O, {@link FileFormatException}
 * (naming the file and the tensor) for contents that are wrong.
 */
public final class Safetensors {
    /** Headers larger than this are rejected as corrupt, as the reference implementation does. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private Safetensors() {}

    // ---------------------------------------------------------------- writing

    /** Saves tensors without metadata; see {@link #save(Path, Map, Map)}. */
    public static void save(Path file, Map<String, Tensor> tensors) throws IOException {
        save(file, tensors, Map.of());
    }

    /**
     * Saves {@code tensors} (FLOAT32, FLOAT64, INT32, INT64; any shape, including scalars and empty
     * tensors) and string {@code metadata} to {@code file}, replacing it atomically. Each tensor is
     * copied to the host only while it is written.
     */
    public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        checkNotNull(tensors, "tensors");
        List<Pending> pending = new ArrayList<>(tensors.size());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = checkNotNull(e.getValue(), "tensor '" + e.getKey() + "'");
            pending.add(new Pending(e.getKey(), t.dtype(), t.shape(), () -> HostTensor.of(t)));
        }
        write(file, pending, metadata);
    }

    /** Saves host tensors; the same format and guarantees as {@link #save(Path, Map, Map)}. */
    public static void saveHost(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata)
            throws IOException {
        checkNotNull(tensors, "tensors");
        List<Pending> pending = new ArrayList<>(tensors.size());
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            HostTensor t = checkNotNull(e.getValue(), "tensor '" + e.getKey() + "'");
            pending.add(new Pending(e.getKey(), t.dtype(), t.shape(), () -> t));
        }
        write(file, pending, metadata);
    }

    /** A tensor waiting to be written: its values are fetched only when its turn comes. */
    private record Pending(String name, DType dtype, Shape shape, Supplier<HostTensor> values) {}

    private static void write(Path file, List<Pending> tensors, Map<String, String> metadata) throws IOException {
        checkNotNull(file, "file");
        checkNotNull(metadata, "metadata");
        metadata.forEach((k, v) -> checkArgument(k != null && v != null,
                "safetensors metadata keys and values must not be null (%s=%s)", k, v));
        Map<String, Pending> byName = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Pending p : tensors) {
            checkArgument(p.name() != null, "safetensors: a tensor name is null");
            checkArgument(!p.name().equals(SafetensorsHeaderCodec.METADATA_KEY),
                    "safetensors: '%s' is reserved for metadata and cannot name a tensor", p.name());
            byName.put(p.name(), p);
            entries.add(new Entry(p.name(), SafetensorsDType.of(p.dtype()), p.shape()));
        }
        List<Entry> ordered = SafetensorsHeaderCodec.layout(entries);
        byte[] header = SafetensorsHeaderCodec.encode(ordered, metadata);
        AtomicFiles.write(file, out -> {
            writeLong(out, header.length);
            out.write(header);
            for (Entry e : ordered) {
                Pending p = byName.get(e.name());
                HostTensor values = p.values().get();
                // A tensor whose host copy disagrees with the header it announced would corrupt the file.
                if (values.dtype() != p.dtype() || !values.shape().equals(p.shape())) {
                    throw new IllegalStateException("tensor '" + p.name() + "' changed while being saved: announced "
                            + p.dtype() + p.shape() + ", got " + values.dtype() + values.shape());
                }
                ElementCodec.writeLittleEndian(values, out);
            }
        });
    }

    private static void writeLong(OutputStream out, long v) throws IOException {
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    }

    // ---------------------------------------------------------------- reading

    /** Reads and validates the header only: names, dtypes, shapes, offsets and metadata, no tensor data. */
    public static SafetensorsHeader readHeader(Path file) throws IOException {
        try (FileChannel ch = open(file)) {
            return readHeader(file, ch);
        }
    }

    /**
     * Loads every tensor onto {@code backend}, in file order. The tensors are created on the calling
     * thread and so join its current {@link org.robust4j.core.tensor.Scope}; load model weights
     * outside a scope (or keep them).
     */
    public static SafetensorsFile<Tensor> load(Path file, Backend backend) throws IOException {
        checkNotNull(backend, "backend");
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (FileChannel ch = open(file)) {
            SafetensorsHeader header = readHeader(file, ch);
            for (TensorInfo info : header.tensors().values()) {
                // One host copy at a time: it becomes garbage as soon as the backend holds the tensor.
                out.put(info.name(), readTensor(file, ch, header, info).toTensor(backend));
            }
            return new SafetensorsFile<>(Collections.unmodifiableMap(out), header.metadata());
        } catch (IOException | RuntimeException | Error e) {
            out.values().forEach(Tensor::close);
            throw e;
        }
    }

    /** Loads every tensor to the heap, in file order. */
    public static SafetensorsFile<HostTensor> loadHost(Path file) throws IOException {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        try (FileChannel ch = open(file)) {
            SafetensorsHeader header = readHeader(file, ch);
            for (TensorInfo info : header.tensors().values()) {
                out.put(info.name(), readTensor(file, ch, header, info));
            }
            return new SafetensorsFile<>(Collections.unmodifiableMap(out), header.metadata());
        }
    }

    /** Loads one tensor by name onto {@code backend}, reading only its bytes. */
    public static Tensor loadTensor(Path file, String name, Backend backend) throws IOException {
        checkNotNull(backend, "backend");
        return loadHostTensor(file, name).toTensor(backend);
    }

    /** Loads one tensor by name to the heap, reading only its bytes. */
    public static HostTensor loadHostTensor(Path file, String name) throws IOException {
        checkNotNull(name, "name");
        try (FileChannel ch = open(file)) {
            SafetensorsHeader header = readHeader(file, ch);
            return readTensor(file, ch, header, header.tensor(name));
        }
    }

    private static FileChannel open(Path file) throws IOException {
        checkNotNull(file, "file");
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such safetensors file");
        }
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    private static SafetensorsHeader readHeader(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new FileFormatException(file, "not a safetensors file: " + size
                    + " bytes, too short to hold the 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, ch, lengthBytes, 0, "the header length");
        long n = lengthBytes.flip().getLong();
        // n is unsigned: a negative long is a length above 2^63, absurd as well.
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw new FileFormatException(file, "header length " + Long.toUnsignedString(n) + " exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes: corrupt, or not a safetensors file");
        }
        if (8 + n > size) {
            throw new FileFormatException(file, "header length " + n + " is larger than the rest of the file ("
                    + (size - 8) + " bytes): truncated, or not a safetensors file");
        }
        ByteBuffer header = ByteBuffer.allocate((int) n);
        readFully(file, ch, header, 8, "the header");
        return SafetensorsHeaderCodec.parse(file, header.array(), size - 8 - n);
    }

    private static HostTensor readTensor(Path file, FileChannel ch, SafetensorsHeader header, TensorInfo info)
            throws IOException {
        String what = "tensor '" + info.name() + "'";
        ElementCodec codec = info.dtype().codec();
        if (codec == null) {
            throw new FileFormatException(file, what + " has dtype " + info.dtype()
                    + ", which robust4j cannot load (it loads F32, F64, I32, I64, F16, BF16, I8, U8, I16, U16, U32, BOOL)");
        }
        ch.position(header.dataStart() + info.begin());
        return codec.read(ch, info.shape(), ByteOrder.LITTLE_ENDIAN, file, what);
    }

    private static void readFully(Path file, FileChannel ch, ByteBuffer buf, long position, String what)
            throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, at);
            if (r < 0) {
                throw new FileFormatException(file, "truncated while reading " + what);
            }
            at += r;
        }
    }
}
