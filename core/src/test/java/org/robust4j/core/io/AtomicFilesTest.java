package org.robust4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesANewFile() throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFiles.writeString(f, "héllo");
        assertThat(Files.readString(f, StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(listing()).containsExactly("a.txt");
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "old content that is longer");
        AtomicFiles.write(f, out -> out.write(new byte[] {1, 2, 3}));
        assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
        assertThat(listing()).containsExactly("a.txt");
    }

    @Test
    void aBodyThatClosesTheStreamIsFine() throws IOException {
        Path f = dir.resolve("a.bin");
        AtomicFiles.write(f, out -> {
            out.write(7);
            out.close();
        });
        assertThat(Files.readAllBytes(f)).containsExactly(7);
    }

    @Test
    void aFailingBodyLeavesTheTargetUntouchedAndNoTemporaryFile() throws IOException {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, "keep me");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write(new byte[100_000]); // more than the buffer, so some bytes reach the temporary file
            throw new IOException("disk full (simulated)");
        })).isInstanceOf(IOException.class).hasMessage("disk full (simulated)");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write(1);
            throw new IllegalStateException("bug in the writer");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(f)).isEqualTo("keep me");
        assertThat(listing()).containsExactly("a.txt");
    }

    @Test
    void aFailingBodyCreatesNothingWhenThereWasNoFile() {
        Path f = dir.resolve("new.txt");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            throw new IOException("boom");
        })).hasMessage("boom");
        assertThat(listing()).isEmpty();
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path f = dir.resolve("no/such/dir/a.txt");
        assertThatThrownBy(() -> AtomicFiles.writeString(f, "x"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(dir.resolve("no/such/dir").toString());
    }

    @Test
    void aDirectoryInTheWayIsNotReplaced() throws IOException {
        Path target = dir.resolve("taken");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside.txt"), "x");
        assertThatThrownBy(() -> AtomicFiles.writeString(target, "y")).isInstanceOf(IOException.class);
        assertThat(target.resolve("inside.txt")).hasContent("x");
        assertThat(listing()).containsExactly("taken");
    }

    @Test
    void aReadOnlyDirectoryFailsCleanly() throws IOException {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "POSIX permissions");
        Path ro = dir.resolve("ro");
        Files.createDirectory(ro);
        Path f = ro.resolve("a.txt");
        Files.writeString(f, "keep me");
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "running as root: permissions are not enforced");
            assertThatThrownBy(() -> AtomicFiles.writeString(f, "new")).isInstanceOf(IOException.class);
            assertThat(f).hasContent("keep me");
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        try (Stream<Path> s = Files.list(ro)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("a.txt");
        }
    }

    private List<String> listing() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
