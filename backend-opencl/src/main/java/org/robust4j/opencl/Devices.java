package org.robust4j.opencl;

import static org.jocl.CL.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/** Enumerates the OpenCL platforms and devices and picks one from the configuration. */
final class Devices {
    private Devices() {}

    /** Every device of every platform, in the order the ICD loader reports them. */
    static List<DeviceInfo> all() {
        Cl.init();
        int[] count = new int[1];
        try {
            Cl.call("clGetPlatformIDs", () -> clGetPlatformIDs(0, null, count));
        } catch (OpenClException e) {
            if (e.code() == CL_PLATFORM_NOT_FOUND_KHR) {
                return List.of();
            }
            throw e;
        }
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        Cl.call("clGetPlatformIDs", () -> clGetPlatformIDs(platforms.length, platforms, null));
        List<DeviceInfo> out = new ArrayList<>();
        for (int p = 0; p < platforms.length; p++) {
            cl_platform_id platform = platforms[p];
            int[] n = new int[1];
            try {
                Cl.call("clGetDeviceIDs", () -> clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, n));
            } catch (OpenClException e) {
                if (e.code() == CL_DEVICE_NOT_FOUND) {
                    continue;
                }
                throw e;
            }
            cl_device_id[] devices = new cl_device_id[n[0]];
            Cl.call("clGetDeviceIDs", () -> clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, devices.length, devices, null));
            for (cl_device_id d : devices) {
                out.add(describe(out.size(), p, platform, d));
            }
        }
        return out;
    }

    private static DeviceInfo describe(int index, int platformIndex, cl_platform_id platform, cl_device_id d) {
        String extensions = string(d, CL_DEVICE_EXTENSIONS);
        long type = longValue(d, CL_DEVICE_TYPE, Sizeof.cl_ulong);
        long fpConfig = longValue(d, CL_DEVICE_DOUBLE_FP_CONFIG, Sizeof.cl_ulong);
        int dims = (int) longValue(d, CL_DEVICE_MAX_WORK_ITEM_DIMENSIONS, Sizeof.cl_uint);
        long[] itemSizes = new long[dims];
        Cl.call("clGetDeviceInfo", () -> clGetDeviceInfo(d, CL_DEVICE_MAX_WORK_ITEM_SIZES,
                (long) Sizeof.size_t * dims, Pointer.to(itemSizes), null));
        return new DeviceInfo(index, platformIndex, platform, d,
                platformString(platform, CL_PLATFORM_NAME), platformString(platform, CL_PLATFORM_VERSION),
                string(d, CL_DEVICE_NAME), string(d, CL_DEVICE_VENDOR), string(d, CL_DEVICE_VERSION),
                string(d, CL_DRIVER_VERSION), string(d, CL_DEVICE_OPENCL_C_VERSION),
                (type & CL_DEVICE_TYPE_GPU) != 0,
                (int) longValue(d, CL_DEVICE_MAX_COMPUTE_UNITS, Sizeof.cl_uint),
                longValue(d, CL_DEVICE_GLOBAL_MEM_SIZE, Sizeof.cl_ulong),
                longValue(d, CL_DEVICE_MAX_MEM_ALLOC_SIZE, Sizeof.cl_ulong),
                longValue(d, CL_DEVICE_LOCAL_MEM_SIZE, Sizeof.cl_ulong),
                (int) longValue(d, CL_DEVICE_MAX_WORK_GROUP_SIZE, Sizeof.size_t),
                itemSizes,
                fpConfig != 0 || extensions.contains("cl_khr_fp64"),
                extensions);
    }

    /**
     * The device named by the configuration. {@code platform} and {@code device} are each empty
     * (any), an index, or a case-insensitive substring of the name; with no device given, the
     * first GPU wins, else the first device.
     */
    static DeviceInfo select(List<DeviceInfo> all, String platform, String device) {
        if (all.isEmpty()) {
            throw new IllegalStateException("opencl: no OpenCL device found. " + OpenClProvider.INSTALL_HINT);
        }
        List<DeviceInfo> candidates = new ArrayList<>();
        String p = platform == null ? "" : platform.trim();
        for (DeviceInfo d : all) {
            if (p.isEmpty() || matches(p, d.platformIndex(), d.platformName())) {
                candidates.add(d);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("opencl: no platform matches robust4j.opencl.platform='" + p
                    + "'; devices here:\n" + listing(all));
        }
        String q = device == null ? "" : device.trim();
        if (q.isEmpty()) {
            return candidates.stream().filter(DeviceInfo::gpu).findFirst().orElse(candidates.get(0));
        }
        if (q.chars().allMatch(Character::isDigit)) {
            int i = Integer.parseInt(q);
            // An index counts over the candidates: all devices, or those of the chosen platform.
            if (i < candidates.size()) {
                return candidates.get(i);
            }
        } else {
            for (DeviceInfo d : candidates) {
                if (d.name().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT))) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException("opencl: no device matches robust4j.opencl.device='" + q + "'"
                + (p.isEmpty() ? "" : " on platform '" + p + "'") + "; devices here:\n" + listing(all));
    }

    private static boolean matches(String query, int index, String name) {
        if (query.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(query) == index;
        }
        return name.toLowerCase(Locale.ROOT).contains(query.toLowerCase(Locale.ROOT));
    }

    static String listing(List<DeviceInfo> all) {
        StringBuilder sb = new StringBuilder();
        for (DeviceInfo d : all) {
            sb.append("  ").append(d.summary()).append('\n');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- clGetDeviceInfo helpers

    private static String string(cl_device_id d, int param) {
        long[] size = new long[1];
        Cl.call("clGetDeviceInfo", () -> clGetDeviceInfo(d, param, 0, null, size));
        byte[] buf = new byte[(int) size[0]];
        Cl.call("clGetDeviceInfo", () -> clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null));
        return cString(buf);
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        Cl.call("clGetPlatformInfo", () -> clGetPlatformInfo(p, param, 0, null, size));
        byte[] buf = new byte[(int) size[0]];
        Cl.call("clGetPlatformInfo", () -> clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null));
        return cString(buf);
    }

    private static long longValue(cl_device_id d, int param, int bytes) {
        if (bytes == Sizeof.cl_uint) {
            int[] v = new int[1];
            Cl.call("clGetDeviceInfo", () -> clGetDeviceInfo(d, param, bytes, Pointer.to(v), null));
            return v[0] & 0xffffffffL;
        }
        long[] v = new long[1];
        Cl.call("clGetDeviceInfo", () -> clGetDeviceInfo(d, param, bytes, Pointer.to(v), null));
        return v[0];
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8).trim();
    }
}
