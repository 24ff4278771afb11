/**
 * Reading and writing tensors and files: safetensors (read and write), NumPy {@code .npy} (read),
 * and {@link org.robust4j.core.io.AtomicFiles} for every output file robust4j writes.
 *
 * <p><b>Errors.</b> Every reader and writer here follows one rule:
 * <ul>
 *   <li>a real I/O failure (missing file, permission denied, disk full) is a checked
 *       {@link java.io.IOException}; a missing file is a {@link java.nio.file.NoSuchFileException}
 *       whose message is the path;</li>
 *   <li>a file that exists but whose <em>contents</em> are wrong (corrupt, truncated, an unknown or
 *       unsupported dtype, a bad header) is an unchecked {@link org.robust4j.core.io.FileFormatException}
 *       (an {@link IllegalArgumentException}) whose message names the file and, where there is one,
 *       the tensor;</li>
 *   <li>a bad argument from the caller (a null name, a tensor named {@code __metadata__}) is an
 *       {@link IllegalArgumentException}.</li>
 * </ul>
 * Writers are atomic: when a write fails, the target file is left as it was.
 */
package org.robust4j.core.io;
