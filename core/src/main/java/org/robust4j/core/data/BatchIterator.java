package org.robust4j.core.data;

import java.util.Iterator;

/**
 * The batches of one epoch. Close it when leaving the loop early: that stops the prefetch thread
 * at once (an iterator that is simply dropped is also stopped, but only when the garbage
 * collector finds it). Running off the end closes it too. An exception thrown while a batch was
 * assembled (by a transform, say) is thrown from {@link #hasNext()} / {@link #next()}.
 *
 * <pre>{@code
 * try (BatchIterator it = loader.epoch(epoch)) {
 *     while (it.hasNext()) {
 *         Batch b = it.next();
 *         ...
 *     }
 * }
 * }</pre>
 */
public interface BatchIterator extends Iterator<Batch>, AutoCloseable {

    /** The epoch whose order and augmentation this iterator follows. */
    int epoch();

    /** Number of batches in the epoch. */
    int numBatches();

    /** Stops prefetching and releases the worker thread; idempotent. */
    @Override
    void close();
}
