/**
 * Data on the host, ready for training: {@link org.robust4j.core.data.Dataset}s of float features
 * and int labels, the IDX (MNIST, Fashion-MNIST) and CIFAR-10 binary readers, per-sample
 * {@link org.robust4j.core.data.Transform}s, and the {@link org.robust4j.core.data.DataLoader}
 * that batches, shuffles, augments and prefetches them reproducibly.
 *
 * <p>Everything here stays in Java arrays; a {@link org.robust4j.core.data.Batch} becomes tensors
 * only when the training thread asks for them, so they join that thread's memory scope.
 * Readers report a missing file as {@link java.nio.file.NoSuchFileException} (the message is
 * the path) and wrong contents as {@link org.robust4j.core.io.FileFormatException}.
 */
package org.robust4j.core.data;
