package org.robust4j.core.io;

import java.util.Map;
import org.robust4j.core.tensor.Tensor;

/**
 * The contents of a safetensors file: its tensors in file order and its string metadata.
 * {@code T} is {@link Tensor} for {@link Safetensors#load} and {@link HostTensor} for
 * {@link Safetensors#loadHost}. Closing releases the tensors (a no-op for host tensors).
 *
 * @param tensors name to tensor, ordered as the data lies in the file (an unmodifiable LinkedHashMap view)
 * @param metadata the {@code __metadata__} entries (empty when the file has none)
 */
public record SafetensorsFile<T>(Map<String, T> tensors, Map<String, String> metadata) implements AutoCloseable {

    /** The tensor named {@code name}, or an error naming the ones there are. */
    public T get(String name) {
        T t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; loaded " + tensors.keySet());
        }
        return t;
    }

    @Override
    public void close() {
        for (T t : tensors.values()) {
            if (t instanceof Tensor tensor) {
                tensor.close();
            }
        }
    }
}
