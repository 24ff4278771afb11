package org.robust4j.experiments.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.robust4j.experiments.testing.TestBackends;

/**
 * The README's Java examples are real programs: each {@code ```java} block is compiled against
 * the project's modules and its {@code main} is run, so the README cannot drift from the API.
 */
class ReadmeExamplesTest {
    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)");

    @TempDir
    Path classes;

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompilesAndRuns() throws IOException {
        Path readme = Path.of("..", "README.md");
        assertThat(readme).as("README.md next to the experiments module").exists();
        List<String[]> examples = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(readme, StandardCharsets.UTF_8));
        while (m.find()) {
            Matcher c = CLASS.matcher(m.group(1));
            assertThat(c.find()).as("a README java block without a class:%n%s", m.group(1)).isTrue();
            examples.add(new String[] {c.group(1), m.group(1)});
        }
        assertThat(examples).as("java examples in the README").hasSizeGreaterThanOrEqualTo(4);
        return examples.stream().map(e -> DynamicTest.dynamicTest(e[0], () -> compileAndRun(e[0], e[1])));
    }

    private void compileAndRun(String name, String source) throws Exception {
        assumeTrue(TestBackends.defaultAvailable(), "the nd4j backend is not on the class path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assumeTrue(javac != null, "no compiler in this JDK");
        Path dir = Files.createDirectories(classes.resolve(name));
        Path file = Files.writeString(dir.resolve(name + ".java"), source, StandardCharsets.UTF_8);
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-classpath", classPath(), "-d", dir.toString(), "-Xlint:none"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file.toFile())).call();
        assertThat(ok).as("README example %s does not compile:%n%s", name, diagnostics).isTrue();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass(name).getMethod("main", String[].class);
            main.invoke(null, (Object) new String[0]);
        }
    }

    /** The test class path, unpacked from surefire's manifest-only jar when it uses one. */
    private static String classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.contains("surefirebooter") && e.endsWith(".jar")) {
                try (JarFile jar = new JarFile(e)) {
                    Manifest mf = jar.getManifest();
                    for (String u : mf.getMainAttributes().getValue("Class-Path").split(" ")) {
                        if (!u.isBlank()) {
                            URI uri = URI.create(u);
                            entries.add((uri.isAbsolute() ? Path.of(uri) : Path.of(e).getParent().resolve(uri.getPath()))
                                    .toString());
                        }
                    }
                }
            } else {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
