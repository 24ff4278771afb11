package org.robust4j.core.backend;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds backends on the class path by name, through {@link ServiceLoader}. */
public final class Backends {
    private static volatile List<BackendProvider> providers;

    private Backends() {}

    /** Every registered provider, sorted by name. */
    public static List<BackendProvider> providers() {
        List<BackendProvider> p = providers;
        if (p == null) {
            List<BackendProvider> found = new ArrayList<>();
            ServiceLoader.load(BackendProvider.class).forEach(found::add);
            found.sort((a, b) -> a.name().compareTo(b.name()));
            providers = p = List.copyOf(found);
        }
        return p;
    }

    public static List<String> names() {
        return providers().stream().map(BackendProvider::name).toList();
    }

    /** The provider named {@code name}, or {@link UnknownBackendException} listing the known names. */
    public static BackendProvider provider(String name) {
        for (BackendProvider p : providers()) {
            if (p.name().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new UnknownBackendException(name, names());
    }

    /** Creates the named backend, failing clearly when it cannot run on this machine. */
    public static Backend create(String name, Config config) {
        BackendProvider p = provider(name);
        p.unavailableReason().ifPresent(why -> {
            throw new IllegalStateException("backend '" + p.name() + "' cannot run here: " + why);
        });
        return p.create(config);
    }

    public static Backend create(String name) {
        return create(name, ConfigFactory.load());
    }
}
