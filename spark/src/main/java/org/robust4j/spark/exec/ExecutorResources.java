package org.robust4j.spark.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.inject.Robust4j;
import org.robust4j.core.io.AtomicFiles;
import org.robust4j.core.nn.Module;
import org.robust4j.experiments.models.ModelFile;

/**
 * What an executor JVM keeps between tasks: one backend per name (backends are thread-safe and
 * expensive to start; tasks running side by side share it) and the local copy of each broadcast
 * model file. Models themselves are built per task, inside the task's memory scope, because a
 * module is not meant to be shared between threads.
 */
public final class ExecutorResources {
    private static final Map<String, Backend> BACKENDS = new HashMap<>();
    private static final Map<String, Path> MODEL_FILES = new HashMap<>();

    private ExecutorResources() {}

    /**
     * The backend named {@code name}, or, when it is null, the one this executor's configuration
     * selects ({@code robust4j.backend}: {@code -Drobust4j.backend} in
     * {@code spark.executor.extraJavaOptions}, or {@code ROBUST4J_BACKEND} in
     * {@code spark.executorEnv}), so a cluster of GPU nodes runs the OpenCL backend.
     */
    public static synchronized Backend backend(String name) {
        String resolved = name != null ? name : Robust4j.backendName(Robust4j.config());
        // Lives as long as the executor JVM: closing it while another task computes would free its arrays.
        return BACKENDS.computeIfAbsent(resolved.trim().toLowerCase(java.util.Locale.ROOT),
                n -> Backends.create(n, Robust4j.config(n)));
    }

    /** Builds the broadcast model on {@code backend}, in evaluation mode. Call inside a scope that frees it. */
    public static Module model(ModelBlob blob, Backend backend) throws IOException {
        return ModelFile.load(localCopy(blob), backend).model();
    }

    private static synchronized Path localCopy(ModelBlob blob) throws IOException {
        Path p = MODEL_FILES.get(blob.sha256());
        if (p == null || !Files.isRegularFile(p)) {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "robust4j-spark-models"));
            p = dir.resolve(blob.sha256() + ".safetensors");
            if (!Files.isRegularFile(p)) {
                AtomicFiles.writeBytes(p, blob.bytes());
            }
            MODEL_FILES.put(blob.sha256(), p);
        }
        return p;
    }
}
