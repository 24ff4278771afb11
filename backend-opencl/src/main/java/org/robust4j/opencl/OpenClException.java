package org.robust4j.opencl;

/**
 * An OpenCL call failed: names the call and the error code (number and symbolic name), and
 * carries the compiler's log when a kernel program did not build.
 */
public final class OpenClException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final int code;

    OpenClException(String call, int code, String detail, Throwable cause) {
        super(call + " failed with " + Cl.errorName(code) + " (" + code + ")"
                + (detail == null || detail.isBlank() ? "" : ": " + detail), cause);
        this.call = call;
        this.code = code;
    }

    /** The OpenCL function that failed, such as {@code clEnqueueNDRangeKernel}. */
    public String call() {
        return call;
    }

    /** The OpenCL error code, such as -5 for {@code CL_OUT_OF_RESOURCES}. */
    public int code() {
        return code;
    }
}
