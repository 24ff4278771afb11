package org.robust4j.core.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Injector;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.robust4j.core.backend.Backend;
import org.robust4j.core.backend.Backends;
import org.robust4j.core.backend.UnknownBackendException;
import org.robust4j.core.reference.JavaBackend;

/** Backend discovery through ServiceLoader and the Guice entry point, with the test-only reference backend. */
class Robust4jTest {

    @Test
    void findsTheReferenceBackendByName() {
        assertThat(Backends.names()).contains("reference");
        assertThat(Backends.provider("Reference ").name()).isEqualTo("reference");
        try (Backend b = Backends.create("reference", ConfigFactory.empty())) {
            assertThat(b).isInstanceOf(JavaBackend.class);
        }
    }

    @Test
    void unknownNamesFailWithTheListOfBackends() {
        assertThatThrownBy(() -> Backends.provider("cuda"))
                .isInstanceOf(UnknownBackendException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("cuda", "reference");
        UnknownBackendException e = new UnknownBackendException("x", java.util.List.of());
        assertThat(e.getMessage()).contains("none on the class path");
        assertThat(e.available()).isEmpty();
    }

    @Test
    void injectorBindsTheConfiguredBackendOnce() {
        Config config = Robust4j.config("reference");
        assertThat(Robust4j.backendName(config)).isEqualTo("reference");
        Injector injector = Robust4j.injector(config);
        Backend a = injector.getInstance(Backend.class);
        assertThat(a).isInstanceOf(JavaBackend.class).isSameAs(injector.getInstance(Backend.class));
        assertThat(injector.getInstance(Config.class)).isSameAs(config);
    }

    @Test
    void injectorFailsAtOnceOnAnUnknownBackend() {
        assertThatThrownBy(() -> Robust4j.injector(Robust4j.config("no-such-backend")))
                .isInstanceOf(UnknownBackendException.class).hasMessageContaining("no-such-backend");
    }

    @Test
    void referenceConfDefaultsToNd4j() {
        // the environment variable would override the file; only check the file's default when it is unset
        if (System.getenv(Robust4j.BACKEND_ENV) == null && System.getProperty(Robust4j.BACKEND_KEY) == null) {
            assertThat(Robust4j.backendName(Robust4j.config())).isEqualTo("nd4j");
        }
        assertThat(Robust4j.backendName(Robust4j.config("  opencl "))).isEqualTo("opencl");
    }
}
