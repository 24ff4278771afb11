package org.robust4j.opencl;

import static org.jocl.CL.*;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;

/**
 * One kernel object. A {@code cl_kernel} holds its arguments, so two threads setting arguments
 * on the same object corrupt each other's launches: {@link ProgramCache} gives every thread its
 * own, and a launch sets all arguments and enqueues on that thread.
 */
final class ClKernel extends ClHandle {
    final cl_kernel kernel;
    final String name;
    /** The most work-items per group the device accepts for this kernel (registers limit it below the device's). */
    final int maxWorkGroupSize;

    ClKernel(ClContext cl, ClProgram program, String name) {
        super("kernel " + name);
        this.name = name;
        int[] err = new int[1];
        this.kernel = Cl.create("clCreateKernel(" + name + ")", err, () -> clCreateKernel(program.program, name, err));
        long[] wg = new long[1];
        Cl.call("clGetKernelWorkGroupInfo", () -> clGetKernelWorkGroupInfo(kernel, cl.device.device(),
                CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(wg), null));
        this.maxWorkGroupSize = (int) Math.min(wg[0], cl.maxWorkGroupSize);
    }

    @Override
    protected void release() {
        Cl.call("clReleaseKernel", () -> clReleaseKernel(kernel));
    }
}
