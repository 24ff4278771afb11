package org.robust4j.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesCreatesParentsAndReplacesWithoutLeavingTemporaryFiles() throws IOException {
        Path file = dir.resolve("a/b/result.txt");
        AtomicFiles.writeString(file, "first");
        AtomicFiles.writeString(file, "second");
        assertThat(file).hasContent("second");
        assertThat(entries(file.getParent())).containsExactly("result.txt");
    }

    @Test
    void resultIsReadableByOthersLikeAnyNewFile() throws IOException {
        Path file = dir.resolve("result.txt");
        AtomicFiles.writeString(file, "x");
        assertThat(Files.getPosixFilePermissions(file)).contains(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ);
    }

    @Test
    void aFailedWriteLeavesNothingBehind() throws IOException {
        // A non-empty directory cannot be replaced by a file: the final rename fails.
        Path target = dir.resolve("taken");
        Files.createDirectories(target);
        Files.writeString(target.resolve("inside.txt"), "keep");
        assertThatThrownBy(() -> AtomicFiles.writeString(target, "new")).isInstanceOf(IOException.class);
        assertThat(entries(dir)).containsExactly("taken");
        assertThat(target.resolve("inside.txt")).hasContent("keep");
    }

    static java.util.List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
