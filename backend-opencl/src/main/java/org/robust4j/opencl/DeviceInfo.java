package org.robust4j.opencl;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device and the limits this backend reads from it at run time (work-group size,
 * local memory, fp64), never assumes: PoCL allows 4096 work-items and 512 KiB of local memory
 * per group, NVIDIA GPUs 1024 and 48 KiB.
 *
 * @param index position in the enumeration over all platforms, as {@code robust4j.opencl.device} counts
 */
record DeviceInfo(int index, int platformIndex, cl_platform_id platform, cl_device_id device,
                  String platformName, String platformVersion, String name, String vendor, String version,
                  String driverVersion, String openclCVersion, boolean gpu, int computeUnits,
                  long globalMemBytes, long maxAllocBytes, long localMemBytes, int maxWorkGroupSize,
                  long[] maxWorkItemSizes, boolean fp64, String extensions) {

    /** One line for listings. */
    String summary() {
        return String.format(Locale.ROOT, "[%d] %s (%s, %s) on %s: %s, %d compute units, %d MiB global, %d KiB local,"
                        + " max work-group %d, fp64 %s",
                index, name, vendor, gpu ? "GPU" : "not a GPU", platformName, version, computeUnits,
                globalMemBytes >> 20, localMemBytes >> 10, maxWorkGroupSize, fp64 ? "yes" : "no");
    }

    /** The properties {@code robust4j info} shows for the selected device. */
    Map<String, String> properties() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("platform", platformName + " (" + platformVersion + ")");
        m.put("device", name);
        m.put("device_index", String.valueOf(index));
        m.put("vendor", vendor);
        m.put("device_type", gpu ? "GPU" : "other (CPU or accelerator)");
        m.put("device_version", version);
        m.put("driver_version", driverVersion);
        m.put("opencl_c_version", openclCVersion);
        m.put("compute_units", String.valueOf(computeUnits));
        m.put("global_memory_mib", String.valueOf(globalMemBytes >> 20));
        m.put("max_alloc_mib", String.valueOf(maxAllocBytes >> 20));
        m.put("local_memory_kib", String.valueOf(localMemBytes >> 10));
        m.put("max_work_group_size", String.valueOf(maxWorkGroupSize));
        m.put("fp64", String.valueOf(fp64));
        return m;
    }
}
