package org.robust4j.opencl;

import static org.jocl.CL.*;

import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;

/**
 * The selected device with its context and one in-order command queue. Kernels are enqueued
 * without waiting; only reads back to the host (and {@link #finish()}) block. The limits kernels
 * size themselves by are the device's, optionally lowered by configuration (to behave like a
 * smaller GPU in tests).
 */
final class ClContext extends ClHandle {
    final DeviceInfo device;
    final cl_context context;
    final cl_command_queue queue;
    /** Work-items per group this backend will use at most. */
    final int maxWorkGroupSize;
    /** Local memory per group this backend will use at most, in bytes. */
    final long localMemBytes;

    ClContext(DeviceInfo device, int workGroupCap, long localMemCap) {
        super("OpenCL context on " + device.name());
        this.device = device;
        this.maxWorkGroupSize = workGroupCap > 0 ? Math.min(workGroupCap, device.maxWorkGroupSize()) : device.maxWorkGroupSize();
        this.localMemBytes = localMemCap > 0 ? Math.min(localMemCap, device.localMemBytes()) : device.localMemBytes();
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, device.platform());
        int[] err = new int[1];
        cl_device_id[] devices = {device.device()};
        this.context = Cl.create("clCreateContext", err, () -> clCreateContext(props, 1, devices, null, null, err));
        cl_command_queue q;
        try {
            // clCreateCommandQueue is deprecated in OpenCL 2.0 but is the one every 1.2 driver has.
            q = Cl.create("clCreateCommandQueue", err, () -> clCreateCommandQueue(context, device.device(), 0, err));
        } catch (RuntimeException e) {
            clReleaseContext(context);
            throw e;
        }
        this.queue = q;
    }

    /** Waits until every enqueued command has finished. */
    void finish() {
        checkOpen();
        Cl.call("clFinish", () -> clFinish(queue));
    }

    @Override
    protected void release() {
        try {
            Cl.call("clFinish", () -> clFinish(queue));
        } finally {
            Cl.call("clReleaseCommandQueue", () -> clReleaseCommandQueue(queue));
            Cl.call("clReleaseContext", () -> clReleaseContext(context));
        }
    }
}
