package org.robust4j.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./robust4j} launcher at the root of the checkout: it runs the Java of
 * {@code JAVA_HOME} when set, and refuses (exit 2, naming what it found) a Java older than 17 or a
 * {@code JAVA_HOME} without one. The Javas here are fake: shell scripts that say their version.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "robust4j").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Outcome(int exit, String output) {}

    /** A fake JDK whose {@code bin/java} prints {@code -version} as {@code version} and otherwise echoes its arguments. */
    private Path fakeJdk(String name, String version, boolean releaseFile) throws IOException {
        Path home = dir.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Path java = home.resolve("bin/java");
        Files.writeString(java, String.join("\n",
                "#!/bin/sh",
                "if [ \"$1\" = -version ]; then echo 'openjdk version \"" + version + "\" 2020-01-01' >&2; exit 0; fi",
                "echo \"fake java " + version + " ran: $*\"", ""));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (releaseFile) {
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        }
        return home;
    }

    private Outcome launch(Map<String, String> env, String... args) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        List<String> cmd = new java.util.ArrayList<>(List.of("/bin/bash", LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("ROBUST4J_SKIP_BUILD", "1");
        pb.environment().remove("JAVA_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Outcome(p.exitValue(), out);
    }

    @Test
    void runsTheJavaOfJavaHome() throws Exception {
        Path jdk = fakeJdk("jdk21", "21.0.2", true);
        Outcome o = launch(Map.of("JAVA_HOME", jdk.toString()), "info");
        assertThat(o.exit()).as(o.output()).isZero();
        assertThat(o.output()).contains("fake java 21.0.2 ran: ").contains("robust4j.jar info")
                .doesNotContain("--enable-native-access");
    }

    @Test
    void aNewerJavaAllowsTheNativeCallsItWouldWarnAbout() throws Exception {
        Path jdk = fakeJdk("jdk25", "25.0.1", true);
        Outcome o = launch(Map.of("JAVA_HOME", jdk.toString()), "info");
        assertThat(o.exit()).as(o.output()).isZero();
        assertThat(o.output()).contains("ran: --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -jar");
    }

    @Test
    void aJavaOlderThan17IsRefusedByName() throws Exception {
        Path jdk11 = fakeJdk("jdk11", "11.0.22", true);
        Outcome o = launch(Map.of("JAVA_HOME", jdk11.toString()), "info");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.output()).contains("needs Java 17 or newer").contains(jdk11.resolve("bin/java").toString())
                .contains("11.0.22").doesNotContain("ran:");
        // Without a release file the version comes from `java -version`; old 1.x numbering too.
        Path jdk8 = fakeJdk("jdk8", "1.8.0_392", false);
        Outcome o8 = launch(Map.of("JAVA_HOME", jdk8.toString()), "info");
        assertThat(o8.exit()).isEqualTo(2);
        assertThat(o8.output()).contains("needs Java 17 or newer").contains("1.8.0_392");
    }

    @Test
    void aJavaHomeWithoutJavaIsNamed() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("not-a-jdk"));
        Outcome o = launch(Map.of("JAVA_HOME", empty.toString()), "info");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.output()).contains("JAVA_HOME is " + empty).contains("not an executable");
    }
}
