package org.robust4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Resident memory as the kernel counts it: it sees memory the process touches; a watch sees a stretch's peak. */
class ResidentMemoryTest {

    private static ByteBuffer touched(int bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes);
        for (int i = 0; i < b.capacity(); i += 4096) {
            b.put(i, (byte) 1);     // fault every page in
        }
        return b;
    }

    @Test
    void touchingNativeMemoryRaisesTheResidentSetAndThePeak() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux's /proc");
        long before = ResidentMemory.currentBytes().getAsLong();
        ByteBuffer b = touched(256 << 20);
        long during = ResidentMemory.currentBytes().getAsLong();
        assertThat(during - before).as("resident growth for 256 MiB touched").isGreaterThan(200L << 20);
        assertThat(ResidentMemory.peakBytes().getAsLong()).isGreaterThanOrEqualTo(during);
        assertThat(b.capacity()).isPositive();
    }

    @Test
    void aWatchSeesTheStretchsOwnPeak() throws InterruptedException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux's /proc");
        try (ResidentMemory.Watch w = ResidentMemory.watch()) {
            long start = ResidentMemory.currentBytes().getAsLong() >> 20;
            ByteBuffer big = touched(384 << 20);
            Thread.sleep(300);
            assertThat(w.peakMib()).as("peak while 384 MiB more are held").isGreaterThanOrEqualTo(start + 350);
            assertThat(big.capacity()).isPositive();
        }
    }
}
