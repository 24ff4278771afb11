package org.robust4j.experiments.report;

import org.robust4j.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Pretty-printed JSON files (records, maps, lists) through Jackson, written atomically. Record
 * components appear under snake_case names ({@code medianMs} becomes {@code median_ms}), the
 * convention of every file robust4j writes; map keys are written as they are.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private JsonReport() {}

    /** The shared mapper, for reading results back and converting values. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Serialises {@code value} completely before touching the disk, then writes it atomically. */
    public static void write(Path file, Object value) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(value);
        AtomicFiles.writeBytes(file, bytes);
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        return MAPPER.readValue(file.toFile(), type);
    }
}
