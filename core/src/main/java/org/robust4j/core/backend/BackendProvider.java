package org.robust4j.core.backend;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.typesafe.config.Config;
import java.util.Optional;

/**
 * Service-provider entry of a backend, registered in
 * {@code META-INF/services/org.robust4j.core.backend.BackendProvider} and found by
 * {@link Backends} under its short {@link #name()}.
 */
public interface BackendProvider {

    /** Short lower-case name used in configuration ({@code nd4j}, {@code opencl}). */
    String name();

    /** One line for {@code robust4j info}. */
    String description();

    /** Empty when the backend can run here, otherwise why not and what to install. */
    Optional<String> unavailableReason();

    /** Creates the backend; {@code config} is the whole application configuration. */
    Backend create(Config config);

    /**
     * The Guice module this backend contributes at the composition root. The default binds
     * {@link Backend} to one lazily created instance; a backend overrides it to bind more
     * (its device, its own options).
     */
    default Module guiceModule(Config config) {
        BackendProvider self = this;
        return new AbstractModule() {
            @Provides
            @Singleton
            Backend backend() {
                self.unavailableReason().ifPresent(why -> {
                    throw new IllegalStateException("backend '" + self.name() + "' cannot run here: " + why);
                });
                return self.create(config);
            }
        };
    }
}
