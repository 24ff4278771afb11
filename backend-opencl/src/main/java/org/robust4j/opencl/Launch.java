package org.robust4j.opencl;

import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clSetKernelArg;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.robust4j.core.tensor.DType;

/**
 * Sets a kernel's arguments in order and enqueues it, without waiting. Used on the thread that
 * owns the kernel object (see {@link ClKernel}), from the first argument to the enqueue.
 */
final class Launch {
    /** Work-items per group for one-dimensional launches: a multiple of every GPU's warp or wavefront. */
    static final int DEFAULT_GROUP = 256;

    private final ClContext cl;
    private final ClKernel k;
    private int arg;

    Launch(ClContext cl, ClKernel k) {
        this.cl = cl;
        this.k = k;
    }

    Launch mem(ClBuffer b) {
        b.checkOpen();
        return set(Sizeof.cl_mem, Pointer.to(b.mem));
    }

    Launch i32(int v) {
        return set(Sizeof.cl_int, Pointer.to(new int[] {v}));
    }

    Launch i64(long v) {
        return set(Sizeof.cl_long, Pointer.to(new long[] {v}));
    }

    /** A {@code uint4} vector, from the bits of four ints. */
    Launch uint4(int[] v) {
        return set(4L * Sizeof.cl_uint, Pointer.to(v));
    }

    /** A {@code uint2} vector, from the bits of two ints. */
    Launch uint2(int[] v) {
        return set(2L * Sizeof.cl_uint, Pointer.to(v));
    }

    /** An {@code int4} vector (the strides of an NCHW array). */
    Launch int4(int[] v) {
        if (v.length != 4) {
            throw new IllegalArgumentException("int4 argument needs 4 values, got " + v.length);
        }
        return set(4L * Sizeof.cl_int, Pointer.to(v));
    }

    /** An {@code int8} vector (dims or strides of a {@link Loop}, innermost first). */
    Launch int8(int[] v) {
        if (v.length != 8) {
            throw new IllegalArgumentException("int8 argument needs 8 values, got " + v.length);
        }
        return set(8L * Sizeof.cl_int, Pointer.to(v));
    }

    /** An index space: the four arguments of {@code SPACE(...)} in {@code common.cl}. */
    Launch space(Loop loop) {
        return i32(loop.rank).int8(loop.dims).int8(loop.magic).int8(loop.shift);
    }

    /** A scalar of the kernel's element type {@code T}. */
    Launch scalar(DType dtype, double v) {
        return switch (dtype) {
            case FLOAT32 -> set(Sizeof.cl_float, Pointer.to(new float[] {(float) v}));
            case FLOAT64 -> set(Sizeof.cl_double, Pointer.to(new double[] {v}));
            case INT32 -> i32((int) v);
            case INT64 -> i64((long) v);
        };
    }

    Launch f32(float v) {
        return set(Sizeof.cl_float, Pointer.to(new float[] {v}));
    }

    /** A {@code __local} buffer of {@code bytes}. */
    Launch local(long bytes) {
        return set(bytes, null);
    }

    private Launch set(long size, Pointer p) {
        int index = arg++;
        Cl.call("clSetKernelArg(" + k.name + ", " + index + ")", () -> clSetKernelArg(k.kernel, index, size, p));
        return this;
    }

    /** One work-item per element of {@code n} (> 0), in groups of up to {@link #DEFAULT_GROUP}. */
    void run1d(long n) {
        long local = groupSize(DEFAULT_GROUP);
        run(new long[] {roundUp(n, local)}, new long[] {local});
    }

    /**
     * One work-item per point of an {@code x * y * z} range (each > 0), in groups along x of up to
     * {@link #DEFAULT_GROUP} (fewer when x is small); the kernel skips the x beyond its extent.
     */
    void run3d(int x, int y, int z) {
        long local = groupSize(Math.min(DEFAULT_GROUP, Integer.highestOneBit(Math.max(1, x - 1)) * 2));
        run(new long[] {roundUp(x, local), y, z}, new long[] {local, 1, 1});
    }

    /** Enqueues over {@code global} work-items in groups of {@code local} (null: the driver chooses). */
    void run(long[] global, long[] local) {
        for (long g : global) {
            if (g <= 0) {
                throw new IllegalArgumentException("opencl: " + k.name + " launched over an empty range");
            }
        }
        Cl.call("clEnqueueNDRangeKernel(" + k.name + ")",
                () -> clEnqueueNDRangeKernel(cl.queue, k.kernel, global.length, null, global, local, 0, null, null));
    }

    /** The kernel object this launch sets up. */
    ClKernel kernel() {
        return k;
    }

    /** The most work-items per group this kernel may be launched with. */
    int maxGroupSize() {
        return k.maxWorkGroupSize;
    }

    /** The largest power of two not above {@code wanted} that this kernel and device accept. */
    int groupSize(int wanted) {
        int g = 1;
        while (g * 2 <= Math.min(wanted, k.maxWorkGroupSize)) {
            g *= 2;
        }
        return g;
    }

    static long roundUp(long n, long m) {
        return (n + m - 1) / m * m;
    }
}
