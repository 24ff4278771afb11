package org.robust4j.nd4j;

import com.typesafe.config.Config;
import java.util.Optional;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BackendProvider;

/** Registers the ND4J CPU backend under the name {@code nd4j}. */
public final class Nd4jProvider implements BackendProvider {
    static final String ND4J_VERSION = "1.0.0-M2.1";
    static final String POOL_KEY = "robust4j.nd4j.pool-mib";

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public String description() {
        return "CPU: ND4J " + ND4J_VERSION + " (libnd4j with oneDNN and OpenBLAS)";
    }

    @Override
    public Optional<String> unavailableReason() {
        try {
            Class.forName("org.nd4j.linalg.cpu.nativecpu.CpuBackend", false, getClass().getClassLoader());
            return Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of("nd4j-native is not on the class path (add org.nd4j:nd4j-native with the classifier for"
                    + " this platform, e.g. linux-x86_64-onednn-avx2)");
        }
    }

    @Override
    public Backend create(Config config) {
        long mib = config.hasPath(POOL_KEY) ? config.getLong(POOL_KEY) : 1024;
        return new Nd4jBackend(mib << 20);
    }
}
