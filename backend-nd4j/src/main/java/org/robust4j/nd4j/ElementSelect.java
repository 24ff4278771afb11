package org.robust4j.nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code out[i] = cond[i] != 0 ? a[i] : b[i]} over dense row-major arrays of one shape, copying
 * each chosen element's bits (so it is exact for every value, NaN and infinities included). A loop
 * over native memory here, not libnd4j's {@code Select} op: that op took about 120 ns an element
 * (half of APGD's time went to its per-sample selections), this loop takes about one.
 */
final class ElementSelect {
    private ElementSelect() {}

    /** All four arrays dense row-major with offset 0 and the same length; {@code a}, {@code b}, {@code out} of one dtype. */
    static void into(INDArray cond, INDArray a, INDArray b, INDArray out) {
        int n = Math.toIntExact(out.length());
        boolean[] take = truth(cond, n);
        int width = out.dataType().width();
        ByteBuffer x = bytes(a);
        ByteBuffer y = bytes(b);
        ByteBuffer z = bytes(out);
        switch (width) {
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    z.put(i, take[i] ? x.get(i) : y.get(i));
                }
            }
            case 2 -> {
                var xs = x.asShortBuffer();
                var ys = y.asShortBuffer();
                var zs = z.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    zs.put(i, take[i] ? xs.get(i) : ys.get(i));
                }
            }
            case 4 -> {
                var xs = x.asIntBuffer();
                var ys = y.asIntBuffer();
                var zs = z.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    zs.put(i, take[i] ? xs.get(i) : ys.get(i));
                }
            }
            case 8 -> {
                var xs = x.asLongBuffer();
                var ys = y.asLongBuffer();
                var zs = z.asLongBuffer();
                for (int i = 0; i < n; i++) {
                    zs.put(i, take[i] ? xs.get(i) : ys.get(i));
                }
            }
            default -> throw new IllegalArgumentException("nd4j where: unsupported element width " + width);
        }
    }

    /** {@code cond[i] != 0} by value: -0.0 is false, NaN is true (as a comparison with zero says). */
    private static boolean[] truth(INDArray cond, int n) {
        boolean[] t = new boolean[n];
        ByteBuffer c = bytes(cond);
        DataType dt = cond.dataType();
        switch (dt) {
            case FLOAT -> {
                var f = c.asFloatBuffer();
                for (int i = 0; i < n; i++) {
                    t[i] = f.get(i) != 0;
                }
            }
            case DOUBLE -> {
                var d = c.asDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    t[i] = d.get(i) != 0;
                }
            }
            case BOOL, BYTE, UBYTE -> {
                for (int i = 0; i < n; i++) {
                    t[i] = c.get(i) != 0;
                }
            }
            case SHORT, UINT16 -> {
                var s = c.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    t[i] = s.get(i) != 0;
                }
            }
            case INT, UINT32 -> {
                var s = c.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    t[i] = s.get(i) != 0;
                }
            }
            case LONG, UINT64 -> {
                var s = c.asLongBuffer();
                for (int i = 0; i < n; i++) {
                    t[i] = s.get(i) != 0;
                }
            }
            default -> {
                // half precision: compare as float
                try (INDArray f = cond.castTo(DataType.FLOAT)) {
                    return truth(f, n);
                }
            }
        }
        return t;
    }

    private static ByteBuffer bytes(INDArray x) {
        return x.data().asNio().order(ByteOrder.nativeOrder());
    }
}
