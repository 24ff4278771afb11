package org.robust4j.experiments.cli;

import com.google.inject.ProvisionException;
import com.typesafe.config.Config;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.inject.Robust4j;

/**
 * The one place where a backend is built: from the configuration, with {@code --backend}
 * overriding it, through Guice. Everything below the command line takes the {@link Backend} as
 * a plain argument.
 */
final class CompositionRoot {
    private CompositionRoot() {}

    /**
     * The backend named by {@code override}, or by the configuration when it is null. Throws
     * {@link org.robust4j.core.backend.UnknownBackendException} (listing the available ones) for an
     * unknown name, and {@link IllegalStateException} when the backend cannot run on this machine.
     */
    static Backend backend(String override) {
        Config config = Robust4j.config(override);
        try {
            return Robust4j.injector(config).getInstance(Backend.class);
        } catch (ProvisionException e) {
            // Guice wraps what the provider threw; the provider's own message is the useful one.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Fails like {@link #backend} for an unknown name, without creating the backend. */
    static void checkBackendName(String override) {
        Backends.provider(Robust4j.backendName(Robust4j.config(override)));
    }

    /** The backend name the configuration selects, after {@code override}. */
    static String backendName(String override) {
        return Robust4j.backendName(Robust4j.config(override));
    }
}
