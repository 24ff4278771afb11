package org.robust4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Resident memory as the kernel counts it: it sees memory the process touches, and its peak can be reset. */
class ResidentMemoryTest {

    @Test
    void touchingNativeMemoryRaisesTheResidentSetAndThePeak() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux's /proc");
        long before = ResidentMemory.currentBytes().getAsLong();
        ByteBuffer b = ByteBuffer.allocateDirect(256 << 20);
        for (int i = 0; i < b.capacity(); i += 4096) {
            b.put(i, (byte) 1);     // fault every page in
        }
        long during = ResidentMemory.currentBytes().getAsLong();
        assertThat(during - before).as("resident growth for 256 MiB touched").isGreaterThan(200L << 20);
        assertThat(ResidentMemory.peakBytes().getAsLong()).isGreaterThanOrEqualTo(during);
        assertThat(ResidentMemory.processPeakMib()).isGreaterThanOrEqualTo(during >> 20);
    }

    @Test
    void aResetPeakStartsFromTheCurrentSetButTheProcessPeakRemains() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs Linux's /proc");
        ByteBuffer big = ByteBuffer.allocateDirect(128 << 20);
        for (int i = 0; i < big.capacity(); i += 4096) {
            big.put(i, (byte) 1);
        }
        long processPeak = ResidentMemory.processPeakMib();
        assumeTrue(ResidentMemory.resetPeak(), "the kernel refused to reset the peak (clear_refs)");
        long now = ResidentMemory.currentBytes().getAsLong();
        long peak = ResidentMemory.peakBytes().getAsLong();
        // Right after a reset the peak is the current set (give or take what moved in between).
        assertThat((double) peak).isCloseTo(now, withPercentage(10));
        assertThat(ResidentMemory.processPeakMib()).isGreaterThanOrEqualTo(processPeak);
    }
}
