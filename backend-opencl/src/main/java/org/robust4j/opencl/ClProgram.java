package org.robust4j.opencl;

import static org.jocl.CL.*;

import java.nio.charset.StandardCharsets;
import org.jocl.Pointer;
import org.jocl.cl_device_id;
import org.jocl.cl_program;

/** A kernel program built for the selected device from OpenCL C source and {@code -D} options. */
final class ClProgram extends ClHandle {
    final cl_program program;
    final String name;

    ClProgram(ClContext cl, String name, String source, String options) {
        super("program " + name + " " + options);
        this.name = name;
        int[] err = new int[1];
        this.program = Cl.create("clCreateProgramWithSource", err,
                () -> clCreateProgramWithSource(cl.context, 1, new String[] {source}, null, err));
        for (int attempt = 1; ; attempt++) {
            try {
                Cl.call("clBuildProgram", () -> clBuildProgram(program, 1, new cl_device_id[] {cl.device.device()},
                        options, null, null));
                return;
            } catch (OpenClException e) {
                String log = buildLog(cl, program);
                if (attempt < MAX_ATTEMPTS && isTransientBuildFailure(log)) {
                    continue; // the driver lost a temporary file (shared compiler cache): build again
                }
                clReleaseProgram(program);
                throw new OpenClException("clBuildProgram", e.code(), "kernels " + name + " with options '" + options
                        + "' did not build" + (attempt > 1 ? " (after " + attempt + " attempts)" : "") + ":\n" + log, e);
            }
        }
    }

    /** Builds tried when the failure is the driver's file handling rather than the source. */
    static final int MAX_ATTEMPTS = 3;

    /**
     * Whether a build log reports a failure of the driver's temporary or cache files (PoCL compiles
     * through files under {@code POCL_CACHE_DIR}; another process cleaning or sharing that folder
     * makes a rename fail) rather than an error in the kernel source, which would fail again.
     */
    static boolean isTransientBuildFailure(String log) {
        String l = log.toLowerCase(java.util.Locale.ROOT);
        return l.contains("unable to rename temporary")
                || (l.contains("no such file or directory") && (l.contains("tempfile") || l.contains("cache")))
                || (l.contains("error opening") && l.contains("cache"));
    }

    private static String buildLog(ClContext cl, cl_program program) {
        try {
            long[] size = new long[1];
            clGetProgramBuildInfo(program, cl.device.device(), CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] buf = new byte[(int) size[0]];
            clGetProgramBuildInfo(program, cl.device.device(), CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
            return new String(buf, StandardCharsets.UTF_8).trim();
        } catch (RuntimeException e) {
            return "(no build log: " + e.getMessage() + ")";
        }
    }

    @Override
    protected void release() {
        Cl.call("clReleaseProgram", () -> clReleaseProgram(program));
    }
}
