package org.robust4j.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.robust4j.core.util.ResidentMemory;

/**
 * Memory that libnd4j freed but glibc kept in the heap goes back to the system when trimmed: the
 * situation after one workload's buffers are freed while a later allocation pins the top of the heap.
 */
class CHeapTest {

    @Test
    void trimmingReturnsFreedHeapMemoryToTheSystem() {
        assumeTrue(CHeap.available(), "needs glibc's malloc_trim (Linux with glibc)");
        assumeTrue(ResidentMemory.currentBytes().isPresent(), "needs /proc/self/status");
        // One freed 1 MiB chunk raises glibc's dynamic mmap threshold, so the next ones come from the heap.
        Nd4j.createUninitialized(DataType.BYTE, 1 << 20).close();
        List<INDArray> chunks = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            INDArray a = Nd4j.createUninitialized(DataType.BYTE, 1 << 20);
            a.assign(1);   // fault the pages in
            chunks.add(a);
        }
        INDArray pin = Nd4j.createUninitialized(DataType.BYTE, 1 << 20);   // keeps the heap's top in use
        pin.assign(1);
        long held = ResidentMemory.currentBytes().getAsLong();
        chunks.forEach(INDArray::close);
        long freed = ResidentMemory.currentBytes().getAsLong();
        CHeap.trim();
        long trimmed = ResidentMemory.currentBytes().getAsLong();
        pin.close();
        // Whatever glibc did on free, after the trim at most a quarter of the 256 MiB is still resident.
        assertThat(held - trimmed).as("bytes returned (held %d MiB, after free %d MiB, after trim %d MiB)",
                held >> 20, freed >> 20, trimmed >> 20).isGreaterThan(192L << 20);
    }
}
