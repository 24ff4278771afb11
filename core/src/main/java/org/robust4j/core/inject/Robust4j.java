package org.robust4j.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.BackendProvider;
import org.robust4j.core.backend.Backends;

/**
 * The composition root's entry: reads the configuration and builds a Guice injector whose
 * {@link Backend} is the one named by {@code robust4j.backend}. Library code never calls this;
 * it takes a {@code Backend} as a plain argument.
 *
 * <p>Where the backend name comes from, later sources winning: {@code reference.conf}
 * ({@code nd4j}), an {@code application.conf} on the class path, the system property
 * {@code -Drobust4j.backend=...}, then the environment variable {@code ROBUST4J_BACKEND}.
 * An unknown name fails at once, listing the available backends.
 */
public final class Robust4j {
    public static final String BACKEND_KEY = "robust4j.backend";
    public static final String BACKEND_ENV = "ROBUST4J_BACKEND";

    private Robust4j() {}

    /** The configuration with every source applied (file, system properties, environment). */
    public static Config config() {
        Config c = ConfigFactory.load();
        String env = System.getenv(BACKEND_ENV);
        if (env != null && !env.isBlank()) {
            c = c.withValue(BACKEND_KEY, ConfigValueFactory.fromAnyRef(env.trim(), "environment variable " + BACKEND_ENV));
        }
        return c;
    }

    /** {@link #config()} with the backend name replaced, as a {@code --backend} option does. */
    public static Config config(String backendOverride) {
        Config c = config();
        if (backendOverride != null && !backendOverride.isBlank()) {
            c = c.withValue(BACKEND_KEY, ConfigValueFactory.fromAnyRef(backendOverride.trim(), "--backend"));
        }
        return c;
    }

    /** The backend name the configuration selects. */
    public static String backendName(Config config) {
        return config.getString(BACKEND_KEY);
    }

    public static Injector injector() {
        return injector(config());
    }

    /** An injector binding {@link Config} and the configured {@link Backend} (created lazily, once). */
    public static Injector injector(Config config) {
        // Fails now, listing the alternatives, when the name is unknown.
        BackendProvider provider = Backends.provider(backendName(config));
        return Guice.createInjector(new CoreModule(config), provider.guiceModule(config));
    }

    /** Binds the configuration; the backend's own module binds {@link Backend}. */
    public static final class CoreModule extends AbstractModule {
        private final Config config;

        public CoreModule(Config config) {
            this.config = config;
        }

        @Override
        protected void configure() {
            bind(Config.class).toInstance(config);
        }
    }
}
