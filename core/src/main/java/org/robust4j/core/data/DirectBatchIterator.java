package org.robust4j.core.data;

import java.util.NoSuchElementException;

/**
 * Assembles each batch on the consumer's thread when it is asked for. Like the prefetching
 * iterator, it assembles in {@link #hasNext()}, so a failing batch throws from the same call in
 * both modes.
 */
final class DirectBatchIterator implements BatchIterator {
    private final BatchAssembler assembler;
    private final int epoch;
    private int nextBatch;
    private Batch next;
    private boolean done;

    DirectBatchIterator(BatchAssembler assembler, int epoch) {
        this.assembler = assembler;
        this.epoch = epoch;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done || nextBatch >= assembler.numBatches()) {
            done = true;
            return false;
        }
        try {
            next = assembler.assemble(nextBatch++);
        } catch (RuntimeException | Error e) {
            done = true;
            throw e;
        }
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
        return assembler.numBatches();
    }

    @Override
    public void close() {
        done = true;
        next = null;
    }
}
