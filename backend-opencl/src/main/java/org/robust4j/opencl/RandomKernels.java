package org.robust4j.opencl;

import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clEnqueueReadBuffer;

import org.jocl.Pointer;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * Random fills on the device with Philox 4x32-10 ({@code random.cl}): the seed is the key, the
 * element's block index the counter, so the same seed gives the same numbers whatever the
 * device's work-group size, and no generator state lives anywhere.
 */
final class RandomKernels {
    private static final String FILE = "random.cl";

    private final OpenClBackend backend;

    RandomKernels(OpenClBackend backend) {
        this.backend = backend;
    }

    ClArray uniform(Shape shape, DType dt, double lo, double hi, long seed) {
        return fill("uniform", shape, dt, seed, lo, hi);
    }

    ClArray normal(Shape shape, DType dt, double mean, double std, long seed) {
        return fill("normal", shape, dt, seed, mean, std);
    }

    ClArray laplace(Shape shape, DType dt, double loc, double scale, long seed) {
        return fill("laplace", shape, dt, seed, loc, scale);
    }

    ClArray bernoulli(Shape shape, DType dt, double p, long seed) {
        return fill("bernoulli", shape, dt, seed, p);
    }

    private ClArray fill(String kernel, Shape shape, DType dt, long seed, double... params) {
        ClArray out = backend.alloc(shape, dt);
        int n = (int) shape.size();
        if (n == 0) {
            return out;
        }
        int perBlock = dt == DType.FLOAT64 ? 2 : 4;
        Launch l = backend.launch(FILE, backend.typeOptions(dt), kernel).i32(n).uint2(key(seed));
        for (double p : params) {
            l.scalar(dt, p);
        }
        l.mem(out.buffer(kernel)).run1d((n + perBlock - 1) / perBlock);
        return out;
    }

    private static int[] key(long seed) {
        return new int[] {(int) seed, (int) (seed >>> 32)};
    }

    /** The raw generator: Philox 4x32-10 of a 128-bit counter under a 64-bit key (for known-answer tests). */
    int[] philox(int[] counter, int[] key) {
        ClBuffer out = backend.workspace(16);
        try {
            backend.launch(FILE, backend.typeOptions(DType.FLOAT32), "philox_raw")
                    .uint4(counter).uint2(key).mem(out).run(new long[] {1}, new long[] {1});
            int[] r = new int[4];
            ClContext cl = backend.cl();
            Cl.call("clEnqueueReadBuffer", () -> clEnqueueReadBuffer(cl.queue, out.mem, CL_TRUE, 0, 16,
                    Pointer.to(r), 0, null, null));
            return r;
        } finally {
            backend.release(out);
        }
    }
}
