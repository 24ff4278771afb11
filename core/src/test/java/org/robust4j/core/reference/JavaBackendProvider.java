package org.robust4j.core.reference;

import com.typesafe.config.Config;
import java.util.Optional;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BackendProvider;

/**
 * Registers the {@link JavaBackend} under the name {@code reference}, for tests only: the service
 * file lives in core's test resources (and so in its test-jar), never in the main jar.
 */
public final class JavaBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String description() {
        return "pure Java reference backend, slow, for tests";
    }

    @Override
    public Optional<String> unavailableReason() {
        return Optional.empty();
    }

    @Override
    public Backend create(Config config) {
        return new JavaBackend();
    }
}
