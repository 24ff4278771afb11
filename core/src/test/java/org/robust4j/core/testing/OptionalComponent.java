package org.robust4j.core.testing;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * What some tests need beyond a JDK and Maven. A test calls {@link #assume(String)} with the
 * reason it found the component missing: the test is then skipped, with a message naming the
 * component and the Debian package that brings it, so {@code mvn -B verify} passes on a bare
 * machine. Where the environment variable {@code ROBUST4J_REQUIRE} lists the component (by
 * {@link #key()}, comma-separated, or {@code all}), as {@code .ci/run} sets it after installing
 * every package, a missing component fails the test instead, so CI cannot quietly skip what it
 * promised to run.
 */
public enum OptionalComponent {
    OPENCL("opencl", "an OpenCL driver and the ICD loader", "ocl-icd-libopencl1 pocl-opencl-icd"),
    FASHION_MNIST("fashion-mnist", "the full Fashion-MNIST data set in /usr/share/datasets/fashion-mnist",
            "dataset-fashion-mnist"),
    NUMPY("numpy", "/usr/bin/python3 with NumPy", "python3-numpy");

    /** The environment variable listing the components that must be present. */
    public static final String REQUIRE_ENV = "ROBUST4J_REQUIRE";

    private final String key;
    private final String what;
    private final String debianPackages;

    OptionalComponent(String key, String what, String debianPackages) {
        this.key = key;
        this.what = what;
        this.debianPackages = debianPackages;
    }

    /** The name {@code ROBUST4J_REQUIRE} lists this component by. */
    public String key() {
        return key;
    }

    /** The Debian packages that bring the component, as {@code apt-get install} takes them. */
    public String debianPackages() {
        return debianPackages;
    }

    /** Whether {@code ROBUST4J_REQUIRE} asks for this component. */
    public boolean required() {
        return requiredBy(System.getenv(REQUIRE_ENV));
    }

    boolean requiredBy(String env) {
        if (env == null || env.isBlank()) {
            return false;
        }
        Set<String> keys = Arrays.stream(env.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return keys.contains("all") || keys.contains(key);
    }

    /** The message a test is skipped with (or fails with, where the component is required). */
    public String missingMessage(String why) {
        return "needs " + what + " (Debian: apt-get install " + debianPackages + "), but " + why;
    }

    /**
     * Skips the calling test because the component is missing ({@code why} says how that was
     * found), or fails it where {@code ROBUST4J_REQUIRE} asks for the component.
     */
    public void assume(String why) {
        if (required()) {
            throw new AssertionError(missingMessage(why) + "; " + REQUIRE_ENV + " requires " + key);
        }
        Assumptions.abort(missingMessage(why));
    }

    /** {@link #assume(String)} when {@code present} is false; nothing otherwise. */
    public void assumePresent(boolean present, String why) {
        if (!present) {
            assume(why);
        }
    }
}
