package org.robust4j.spark.io;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.robust4j.core.io.FileFormatException;
import org.robust4j.core.io.Safetensors;
import org.robust4j.core.tensor.Shape;
import org.robust4j.experiments.models.ModelFile;
import org.robust4j.experiments.report.JsonReport;

/**
 * {@code job.json}: what the records in an output directory were computed with (method parameters,
 * dataset, the model's SHA-256). A re-run into the same directory resumes only when they match,
 * so records of different jobs are never mixed.
 */
public final class JobManifest {
    public static final String FILE_NAME = "job.json";

    private JobManifest() {}

    public static void writeOrCheck(Path out, Map<String, Object> job) throws IOException {
        Path file = out.resolve(FILE_NAME);
        // Through JSON and back, so numbers compare as they will read from the file (7L and 7 alike).
        Map<String, Object> normalised = JsonReport.mapper().readValue(JsonReport.mapper().writeValueAsBytes(job),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        if (Files.exists(file)) {
            Map<String, Object> existing = JsonReport.mapper().readValue(file.toFile(),
                    new TypeReference<LinkedHashMap<String, Object>>() { });
            if (!existing.equals(normalised)) {
                throw new IllegalArgumentException("--out " + out + " holds records of another job (" + existing
                        + "); this one is " + normalised + ". Use a new output directory to start over.");
            }
            return;
        }
        JsonReport.write(file, normalised);
    }

    /** Fails, naming both shapes, when the model was trained for items of another shape than the dataset's. */
    public static void checkModelInput(Path model, Shape itemShape) throws IOException {
        Map<String, String> meta = Safetensors.readHeader(model).metadata();
        String shape = meta.get(ModelFile.INPUT_SHAPE);
        if (shape == null) {
            throw new FileFormatException(model, "no " + ModelFile.INPUT_SHAPE + " in the metadata; certify a model"
                    + " file written by robust4j");
        }
        String expected = Arrays.toString(itemShape.toArray());
        if (!shape.replace(" ", "").equals(expected.replace(" ", ""))) {
            throw new IllegalArgumentException("model " + model + " takes inputs " + shape + " but the dataset's items are "
                    + expected);
        }
    }
}
