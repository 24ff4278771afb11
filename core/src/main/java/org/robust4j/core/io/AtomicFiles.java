package org.robust4j.core.io;

import static org.robust4j.core.util.Checks.checkNotNull;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files all-or-nothing: the content goes to a temporary file in the target's directory,
 * is forced to disk, and is then renamed over the target in one atomic step. A reader sees either
 * the old file or the complete new one, never half a file; when the write fails (an exception
 * from the body, a full disk, a crash) the target is untouched and the temporary file is removed.
 *
 * <pre>{@code
 * AtomicFiles.write(out.resolve("summary.json"), os -> mapper.writeValue(os, summary));
 * }</pre>
 */
public final class AtomicFiles {
    private static final int BUFFER_BYTES = 1 << 16;

    private AtomicFiles() {}

    /**
     * Runs {@code body} on a buffered stream into a temporary file next to {@code target}, then
     * atomically replaces {@code target} with it. The body may close the stream or not.
     *
     * @throws IOException when the file cannot be written or moved; {@code target} is then unchanged
     */
    public static void write(Path target, IoConsumer<? super OutputStream> body) throws IOException {
        checkNotNull(target, "target");
        checkNotNull(body, "body");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "directory does not exist, cannot write " + absolute);
        }
        Path temp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            // CREATE_NEW with the default permissions (unlike createTempFile's owner-only 0600), so the
            // final file gets the same permissions as any file the user creates.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
                body.accept(new CloseShield(out));
                out.flush();
                channel.force(true);
            }
            move(temp, absolute);
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException | RuntimeException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
        syncDirectory(dir);
    }

    /** Atomically writes {@code bytes} to {@code target}. */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        checkNotNull(bytes, "bytes");
        write(target, out -> out.write(bytes));
    }

    /** Atomically writes {@code text} to {@code target} as UTF-8. */
    public static void writeString(Path target, CharSequence text) throws IOException {
        checkNotNull(text, "text");
        writeBytes(target, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some file systems cannot rename atomically; a plain replace is the best they offer.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename itself durable where the platform allows opening a directory (Linux, macOS). */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException ignored) {
            // Best effort: Windows cannot open directories, and the data itself is already on disk.
        }
    }

    /** Lets the body close "its" stream without closing the file before it is forced to disk. */
    private static final class CloseShield extends FilterOutputStream {
        CloseShield(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
