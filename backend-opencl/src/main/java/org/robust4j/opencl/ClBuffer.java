package org.robust4j.opencl;

import static org.jocl.CL.clReleaseMemObject;

import org.jocl.cl_mem;

/** One device allocation ({@code cl_mem}) of a fixed number of bytes. */
final class ClBuffer extends ClHandle {
    final cl_mem mem;
    final long bytes;

    ClBuffer(cl_mem mem, long bytes) {
        super("device buffer of " + bytes + " bytes");
        this.mem = mem;
        this.bytes = bytes;
    }

    @Override
    protected void release() {
        Cl.call("clReleaseMemObject", () -> clReleaseMemObject(mem));
    }
}
