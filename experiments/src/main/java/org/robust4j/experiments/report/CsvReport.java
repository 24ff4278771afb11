package org.robust4j.experiments.report;

import org.robust4j.core.io.AtomicFiles;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * CSV files with a header row, through Jackson CSV, written atomically. Record components
 * become snake_case columns, as in {@link JsonReport}.
 */
public final class CsvReport {
    private static final PropertyNamingStrategies.NamingBase NAMING =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final CsvMapper MAPPER = CsvMapper.builder().propertyNamingStrategy(NAMING).build();

    private CsvReport() {}

    /** One row per record; the columns are the record's components, in declaration order. */
    public static <R extends Record> void write(Path file, Class<R> type, List<R> rows) throws IOException {
        RecordComponent[] components = type.getRecordComponents();
        String[] columns = new String[components.length];
        for (int i = 0; i < components.length; i++) {
            columns[i] = NAMING.translate(components[i].getName());
        }
        writeRows(file, List.of(columns), rows);
    }

    /** One row per map, with the given columns (keys missing from a row give empty cells). */
    public static void writeMaps(Path file, List<String> columns, List<? extends Map<String, ?>> rows) throws IOException {
        writeRows(file, columns, rows);
    }

    private static void writeRows(Path file, List<String> columns, List<?> rows) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        byte[] bytes = MAPPER.writer(schema.build()).writeValueAsBytes(rows);
        AtomicFiles.writeBytes(file, bytes);
    }
}
