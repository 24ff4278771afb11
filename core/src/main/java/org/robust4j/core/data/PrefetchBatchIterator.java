package org.robust4j.core.data;

import java.lang.ref.Cleaner;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Assembles batches on a background daemon thread, at most {@code depth} ahead of the consumer,
 * so loading and augmentation overlap training. The batches are the ones
 * {@link DirectBatchIterator} would give: each is a pure function of its index.
 */
final class PrefetchBatchIterator implements BatchIterator {
    static final String THREAD_PREFIX = "robust4j-data-loader";

    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final long JOIN_MILLIS = 10_000;

    private final Worker worker;
    private final Cleaner.Cleanable cleanable;
    private final int epoch;
    private final int numBatches;
    private Batch next;
    private boolean done;

    PrefetchBatchIterator(BatchAssembler assembler, int epoch, int depth) {
        this.epoch = epoch;
        this.numBatches = assembler.numBatches();
        this.worker = new Worker(assembler, depth);
        Thread t = new Thread(worker, THREAD_PREFIX + "-epoch" + epoch + "-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        worker.thread = t;
        // The worker never references this iterator, so a dropped iterator becomes unreachable and
        // the cleaner stops its thread.
        this.cleanable = CLEANER.register(this, worker::cancel);
        t.start();
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        Object item;
        try {
            item = worker.queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new CancellationException("interrupted while waiting for batch of epoch " + epoch);
        }
        if (item == Worker.END) {
            close();
            return false;
        }
        if (item instanceof Failure f) {
            close();
            throw rethrow(f.error);
        }
        next = (Batch) item;
        return true;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches");
        }
        Batch b = next;
        next = null;
        return b;
    }

    @Override
    public int epoch() {
        return epoch;
    }

    @Override
    public int numBatches() {
        return numBatches;
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        next = null;
        cleanable.clean();
        worker.join();
    }

    /** The worker's own exception, unchanged where Java allows, so callers can catch its type. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("the data loader's worker failed: " + t, t);
    }

    private record Failure(Throwable error) {}

    /** The background loop; shared with the cleaner, so it must not reference the iterator. */
    private static final class Worker implements Runnable {
        static final Object END = new Object();

        final BlockingQueue<Object> queue;
        private final BatchAssembler assembler;
        private volatile boolean cancelled;
        volatile Thread thread;

        Worker(BatchAssembler assembler, int depth) {
            this.assembler = assembler;
            this.queue = new ArrayBlockingQueue<>(depth);
        }

        @Override
        public void run() {
            try {
                for (int b = 0; b < assembler.numBatches(); b++) {
                    if (cancelled) {
                        return;
                    }
                    queue.put(assembler.assemble(b));
                }
                queue.put(END);
            } catch (InterruptedException e) {
                // cancelled: the consumer is gone
            } catch (Throwable t) {
                if (!cancelled) {
                    try {
                        queue.put(new Failure(t));
                    } catch (InterruptedException ignored) {
                        // cancelled while reporting: nobody is left to tell
                    }
                }
            }
        }

        void cancel() {
            cancelled = true;
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
            queue.clear(); // unblocks a put that raced the interrupt
        }

        void join() {
            Thread t = thread;
            if (t == null || t == Thread.currentThread()) {
                return;
            }
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
