package org.robust4j.opencl;

import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clEnqueueReadBuffer;

import java.nio.ByteBuffer;
import org.jocl.Pointer;
import org.robust4j.core.tensor.DType;

/**
 * Copies between Java arrays and device arrays, and fills. Writes do not wait (see {@link
 * Uploads}); reads block, since their caller wants the values, and read a view made dense on the
 * device first, so only its elements cross the bus. Conversions between dtypes happen on the
 * host, on the host copy.
 */
final class HostTransfers {
    private final OpenClBackend backend;
    private final Uploads uploads;

    HostTransfers(OpenClBackend backend, Uploads uploads) {
        this.backend = backend;
        this.uploads = uploads;
    }

    /** Fills a fresh dense array with {@code value} converted to its dtype as a Java cast would. */
    void fill(ClArray out, double value) {
        long n = out.shape().size();
        if (n == 0) {
            return;
        }
        Pointer pattern = switch (out.dtype()) {
            case FLOAT32 -> Pointer.to(new float[] {(float) value});
            case FLOAT64 -> Pointer.to(new double[] {value});
            case INT32 -> Pointer.to(new int[] {(int) value});
            case INT64 -> Pointer.to(new long[] {(long) value});
        };
        int size = out.dtype().bytes();
        ClContext cl = backend.cl();
        Cl.call("clEnqueueFillBuffer", () -> clEnqueueFillBuffer(cl.queue, out.buffer("full").mem, pattern, size,
                (long) out.offset * size, n * size, 0, null, null));
    }

    void write(ClArray out, float[] data) {
        if (data.length > 0) {
            ByteBuffer b = uploads.staging(data.length * 4);
            b.asFloatBuffer().put(data);
            upload(out, b);
        }
    }

    void write(ClArray out, double[] data) {
        if (data.length > 0) {
            ByteBuffer b = uploads.staging(data.length * 8);
            b.asDoubleBuffer().put(data);
            upload(out, b);
        }
    }

    void write(ClArray out, int[] data) {
        if (data.length > 0) {
            ByteBuffer b = uploads.staging(data.length * 4);
            b.asIntBuffer().put(data);
            upload(out, b);
        }
    }

    void write(ClArray out, long[] data) {
        if (data.length > 0) {
            ByteBuffer b = uploads.staging(data.length * 8);
            b.asLongBuffer().put(data);
            upload(out, b);
        }
    }

    private void upload(ClArray out, ByteBuffer staged) {
        uploads.write(out.buffer("write"), (long) out.offset * out.dtype().bytes(), staged);
    }

    float[] readFloats(ClArray a) {
        int n = (int) a.shape().size();
        if (a.dtype() == DType.FLOAT32) {
            float[] f = new float[n];
            read(a, Pointer.to(f), n);
            return f;
        }
        double[] d = readDoubles(a);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    double[] readDoubles(ClArray a) {
        int n = (int) a.shape().size();
        double[] d = new double[n];
        switch (a.dtype()) {
            case FLOAT64 -> read(a, Pointer.to(d), n);
            case FLOAT32 -> {
                float[] f = new float[n];
                read(a, Pointer.to(f), n);
                for (int i = 0; i < n; i++) {
                    d[i] = f[i];
                }
            }
            case INT32 -> {
                int[] v = new int[n];
                read(a, Pointer.to(v), n);
                for (int i = 0; i < n; i++) {
                    d[i] = v[i];
                }
            }
            case INT64 -> {
                long[] v = new long[n];
                read(a, Pointer.to(v), n);
                for (int i = 0; i < n; i++) {
                    d[i] = v[i];
                }
            }
        }
        return d;
    }

    long[] readLongs(ClArray a) {
        int n = (int) a.shape().size();
        long[] l = new long[n];
        switch (a.dtype()) {
            case INT64 -> read(a, Pointer.to(l), n);
            case INT32 -> {
                int[] v = readInts(a);
                for (int i = 0; i < n; i++) {
                    l[i] = v[i];
                }
            }
            default -> {
                double[] d = readDoubles(a);
                for (int i = 0; i < n; i++) {
                    l[i] = (long) d[i];
                }
            }
        }
        return l;
    }

    int[] readInts(ClArray a) {
        int n = (int) a.shape().size();
        if (a.dtype() == DType.INT32) {
            int[] v = new int[n];
            read(a, Pointer.to(v), n);
            return v;
        }
        long[] l = readLongs(a);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = (int) l[i];
        }
        return v;
    }

    /** Reads {@code a}'s elements in row-major order into {@code p}, densifying a view on the device first. */
    private void read(ClArray a, Pointer p, int n) {
        if (n == 0) {
            a.checkOpen("read");
            return;
        }
        ClArray dense = a.isContiguous() ? a : (ClArray) backend.copy(a);
        try {
            long size = a.dtype().bytes();
            ClContext cl = backend.cl();
            Cl.call("clEnqueueReadBuffer", () -> clEnqueueReadBuffer(cl.queue, dense.buffer("read").mem, CL_TRUE,
                    dense.offset * size, n * size, p, 0, null, null));
        } finally {
            if (dense != a) {
                dense.close();
            }
        }
    }
}
