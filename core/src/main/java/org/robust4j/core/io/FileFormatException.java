package org.robust4j.core.io;

import java.nio.file.Path;

/**
 * A file exists and could be read, but its contents are not what its format (or this reader)
 * accepts: corrupt, truncated, or using a feature robust4j does not read. The message always
 * names the file first. Real I/O failures are {@link java.io.IOException}s instead.
 */
public class FileFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public FileFormatException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public FileFormatException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The file whose contents are wrong. */
    public Path file() {
        return file;
    }
}
