package org.robust4j.experiments.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.io.FileFormatException;
import org.robust4j.core.io.Safetensors;
import org.robust4j.core.io.SafetensorsFile;
import org.robust4j.core.nn.Module;
import org.robust4j.core.random.Generator;
import org.robust4j.core.tensor.Shape;
import org.robust4j.core.tensor.Tensor;
import org.robust4j.layers.LayerContext;

/**
 * A trained model on disk: its state dict in safetensors (PyTorch's names and layouts, so the
 * file loads in PyTorch) with the {@link ModelSpec} in the header metadata.
 */
public final class ModelFile {
    public static final String ARCH = "robust4j.arch";
    public static final String OPTIONS = "robust4j.arch_options";
    public static final String INPUT_SHAPE = "robust4j.input_shape";
    public static final String CLASSES = "robust4j.classes";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {}

    /** A loaded model with its spec and the file's metadata. */
    public record Loaded(Module model, ModelSpec spec, Map<String, String> metadata) {
    }

    /** The metadata entries that describe {@code spec}. */
    public static Map<String, String> metadata(ModelSpec spec) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(ARCH, spec.architecture());
        try {
            m.put(OPTIONS, JSON.writeValueAsString(new java.util.TreeMap<>(spec.options())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        m.put(INPUT_SHAPE, Arrays.toString(spec.inputShape().toArray()));
        m.put(CLASSES, String.valueOf(spec.classes()));
        m.put("format", "pt");
        return m;
    }

    public static void save(Path file, Module model, ModelSpec spec, Map<String, String> extra) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(extra);
        meta.putAll(metadata(spec));
        Safetensors.save(file, model.stateDict(), meta);
    }

    /**
     * Rebuilds the model from the file's metadata (or from {@code archOverride} for files written
     * elsewhere, e.g. by PyTorch) and loads its weights.
     */
    public static Loaded load(Path file, Backend backend, String archOverride, Shape inputShape, int classes) throws IOException {
        Map<String, String> meta = Safetensors.readHeader(file).metadata();
        ModelSpec spec = spec(file, meta, archOverride, inputShape, classes);
        Module model = Architectures.build(LayerContext.of(backend, new Generator(0)), spec);
        try (SafetensorsFile<Tensor> f = Safetensors.load(file, backend)) {
            model.loadStateDict(f.tensors());
        }
        model.eval();
        return new Loaded(model, spec, meta);
    }

    public static Loaded load(Path file, Backend backend) throws IOException {
        return load(file, backend, null, null, 0);
    }

    private static ModelSpec spec(Path file, Map<String, String> meta, String archOverride, Shape inputShape, int classes) {
        String arch = archOverride != null ? archOverride : meta.get(ARCH);
        if (arch == null) {
            throw new FileFormatException(file, "no architecture in the metadata (robust4j.arch); this file was not"
                    + " written by robust4j - give the architecture with --arch");
        }
        Map<String, String> options = Map.of();
        try {
            if (meta.containsKey(OPTIONS)) {
                options = JSON.readValue(meta.get(OPTIONS), new TypeReference<Map<String, String>>() { });
            }
        } catch (JsonProcessingException e) {
            throw new FileFormatException(file, "metadata " + OPTIONS + " is not a JSON object of strings");
        }
        Shape shape = inputShape != null ? inputShape : parseShape(file, meta.getOrDefault(INPUT_SHAPE, "[1, 28, 28]"));
        int c = classes > 0 ? classes : Integer.parseInt(meta.getOrDefault(CLASSES, "10"));
        return new ModelSpec(arch, options, shape, c);
    }

    private static Shape parseShape(Path file, String s) {
        try {
            String[] parts = s.replace("[", "").replace("]", "").split(",");
            int[] d = new int[parts.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = Integer.parseInt(parts[i].trim());
            }
            return Shape.of(d);
        } catch (NumberFormatException e) {
            throw new FileFormatException(file, "metadata " + INPUT_SHAPE + " '" + s + "' is not a shape like [1, 28, 28]");
        }
    }
}
