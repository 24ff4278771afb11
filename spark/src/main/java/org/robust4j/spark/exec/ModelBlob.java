package org.robust4j.spark.exec;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A model file's bytes (safetensors with the robust4j metadata), broadcast once to every executor.
 * The SHA-256 names the executor's local copy, so each executor writes it to disk once however
 * many tasks it runs.
 */
public record ModelBlob(byte[] bytes, String sha256) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static ModelBlob read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model file " + file + " does not exist or is not a file");
        }
        byte[] b = Files.readAllBytes(file);
        return new ModelBlob(b, sha256(b));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
