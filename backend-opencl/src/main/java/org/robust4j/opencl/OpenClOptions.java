package org.robust4j.opencl;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * The backend's configuration, under {@code robust4j.opencl} (defaults in this module's
 * {@code reference.conf}).
 *
 * @param platform        platform index or name substring; empty: any
 * @param device          device index or name substring; empty: the first GPU, else the first device
 * @param poolMib         released device memory kept for reuse
 * @param maxWorkGroupCap work-items per group to use at most (0: the device's limit); lower it to
 *                        make a device with large groups (PoCL: 4096) behave like a GPU (1024)
 * @param localMemKibCap  local memory per group to use at most in KiB (0: the device's)
 * @param gemmTile        {@code auto}, or one matrix-product tiling such as {@code 64x64x16/4x4} (block of C
 *                        per work-group x depth / results per work-item) to use for every product, for tuning
 * @param convWorkspaceMib the most scratch memory a convolution's column matrix takes (the batch is
 *                        processed in chunks that fit)
 */
public record OpenClOptions(String platform, String device, long poolMib, int maxWorkGroupCap, int localMemKibCap,
                            String gemmTile, long convWorkspaceMib) {

    static final String PREFIX = "robust4j.opencl.";

    /** The defaults of {@code reference.conf}: first GPU (else first device), 1 GiB pool, device limits. */
    public static OpenClOptions defaults() {
        return from(ConfigFactory.load());
    }

    public static OpenClOptions from(Config config) {
        Config c = config.withFallback(ConfigFactory.defaultReference());
        return new OpenClOptions(
                c.getString(PREFIX + "platform"),
                c.getString(PREFIX + "device"),
                c.getLong(PREFIX + "pool-mib"),
                c.getInt(PREFIX + "max-work-group-size"),
                c.getInt(PREFIX + "local-memory-kib"),
                c.getString(PREFIX + "gemm-tile"),
                c.getLong(PREFIX + "conv-workspace-mib"));
    }

    public OpenClOptions withDevice(String d) {
        return new OpenClOptions(platform, d, poolMib, maxWorkGroupCap, localMemKibCap, gemmTile, convWorkspaceMib);
    }

    public OpenClOptions withLimits(int workGroup, int localKib) {
        return new OpenClOptions(platform, device, poolMib, workGroup, localKib, gemmTile, convWorkspaceMib);
    }

    public OpenClOptions withPoolMib(long mib) {
        return new OpenClOptions(platform, device, mib, maxWorkGroupCap, localMemKibCap, gemmTile, convWorkspaceMib);
    }

    public OpenClOptions withConvWorkspaceMib(long mib) {
        return new OpenClOptions(platform, device, poolMib, maxWorkGroupCap, localMemKibCap, gemmTile, mib);
    }

    public OpenClOptions withGemmTile(String tile) {
        return new OpenClOptions(platform, device, poolMib, maxWorkGroupCap, localMemKibCap, tile, convWorkspaceMib);
    }
}
