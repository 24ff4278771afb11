package org.robust4j.core.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.robust4j.core.tensor.Shape;

/**
 * What a safetensors file holds, read from its header alone: each tensor's dtype, shape and
 * place in the data section (in file order), the free-form string metadata, and where the data
 * section starts. Produced by {@link Safetensors#readHeader(Path)}, already validated against the
 * file's size.
 *
 * @param file the file the header was read from
 * @param tensors the tensors in the order of their data in the file
 * @param metadata the {@code __metadata__} entries in file order (empty when there is none)
 * @param dataStart the byte offset of the data section: 8 plus the header length
 */
public record SafetensorsHeader(Path file, Map<String, TensorInfo> tensors, Map<String, String> metadata,
                                long dataStart) {

    /**
     * One tensor's entry.
     *
     * @param begin offset of its first byte, relative to the data section
     * @param end offset one past its last byte
     */
    public record TensorInfo(String name, SafetensorsDType dtype, Shape shape, long begin, long end) {
        public long byteSize() {
            return end - begin;
        }
    }

    /** Tensor names in file order. */
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    /** The entry for {@code name}, or an error listing what the file does hold. */
    public TensorInfo tensor(String name) {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            String have = tensors.keySet().stream().limit(20).map(n -> "'" + n + "'")
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException(file + ": no tensor named '" + name + "'; the file holds "
                    + (tensors.isEmpty() ? "no tensors" : have + (tensors.size() > 20 ? ", ..." : "")));
        }
        return info;
    }
}
