package org.robust4j.core.conformance.support;

import java.util.Arrays;
import java.util.List;
import org.robust4j.core.backend.BinaryOp;
import org.robust4j.core.backend.CompareOp;
import org.robust4j.core.backend.ReduceOp;
import org.robust4j.core.backend.UnaryOp;
import org.robust4j.core.tensor.Shape;

/**
 * Naive references for elementwise ops, reductions, data movement and indexing: plain loops over
 * multi-indices in double precision, written from the definitions and sharing no code with any
 * backend. They are the oracle of the conformance kit, so they favour obviousness over speed.
 */
public final class Naive {
    private Naive() {}

    // ---------------------------------------------------------------- elementwise

    public static double unary(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> x > 0 ? 1 : x < 0 ? -1 : 0;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case LOG1P -> Math.log1p(x);
            case EXPM1 -> Math.expm1(x);
            case SQRT -> Math.sqrt(x);
            case RSQRT -> 1 / Math.sqrt(x);
            case SQUARE -> x * x;
            case RECIPROCAL -> 1 / x;
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1 / (1 + Math.exp(-x));
            case RELU -> x > 0 ? x : 0;
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case ERF -> Special.erf(x);
        };
    }

    public static Host unary(UnaryOp op, Host x) {
        return x.map(v -> unary(op, v));
    }

    public static double binary(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAX -> a >= b ? a : b;
            case MIN -> a <= b ? a : b;
        };
    }

    public static boolean compare(CompareOp op, double a, double b) {
        return switch (op) {
            case EQ -> a == b;
            case NE -> a != b;
            case LT -> a < b;
            case LE -> a <= b;
            case GT -> a > b;
            case GE -> a >= b;
        };
    }

    /** NumPy broadcasting, restated here rather than borrowed from {@link Shape#broadcast}. */
    public static Shape broadcastShape(Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i - (r - a.rank()) >= 0 ? a.dim(i - (r - a.rank())) : 1;
            int db = i - (r - b.rank()) >= 0 ? b.dim(i - (r - b.rank())) : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("test bug: " + a + " and " + b + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return Shape.of(out);
    }

    /** The element of {@code x} that broadcasting places at output multi-index {@code out}. */
    public static double at(Host x, int[] out) {
        int[] idx = new int[x.rank()];
        int lead = out.length - x.rank();
        for (int i = 0; i < idx.length; i++) {
            idx[i] = x.dim(i) == 1 ? 0 : out[lead + i];
        }
        return x.get(idx);
    }

    public static Host binary(BinaryOp op, Host a, Host b) {
        Host out = Host.zeros(broadcastShape(a.shape, b.shape));
        for (int f = 0; f < out.size(); f++) {
            int[] i = out.unravel(f);
            out.data[f] = binary(op, at(a, i), at(b, i));
        }
        return out;
    }

    public static Host compare(CompareOp op, Host a, Host b) {
        Host out = Host.zeros(broadcastShape(a.shape, b.shape));
        for (int f = 0; f < out.size(); f++) {
            int[] i = out.unravel(f);
            out.data[f] = compare(op, at(a, i), at(b, i)) ? 1 : 0;
        }
        return out;
    }

    public static Host where(Host c, Host a, Host b) {
        Host out = Host.zeros(broadcastShape(broadcastShape(c.shape, a.shape), b.shape));
        for (int f = 0; f < out.size(); f++) {
            int[] i = out.unravel(f);
            out.data[f] = at(c, i) != 0 ? at(a, i) : at(b, i);
        }
        return out;
    }

    public static Host broadcastTo(Host x, Shape s) {
        Host out = Host.zeros(s);
        for (int f = 0; f < out.size(); f++) {
            out.data[f] = at(x, out.unravel(f));
        }
        return out;
    }

    // ---------------------------------------------------------------- reductions

    /** Shape after reducing {@code axes}: kept as 1 or dropped. */
    public static Shape reducedShape(Shape s, int[] axes, boolean keepDims) {
        int[] d = s.toArray();
        int[] kept = new int[d.length];
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            boolean reduced = contains(axes, i);
            if (keepDims) {
                kept[n++] = reduced ? 1 : d[i];
            } else if (!reduced) {
                kept[n++] = d[i];
            }
        }
        return Shape.of(Arrays.copyOf(kept, n));
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** Flat output position of input multi-index {@code idx} once {@code axes} are reduced. */
    private static int[] outIndex(int[] idx, int[] axes, boolean keepDims) {
        int[] o = new int[keepDims ? idx.length : idx.length - axes.length];
        int n = 0;
        for (int i = 0; i < idx.length; i++) {
            if (contains(axes, i)) {
                if (keepDims) {
                    o[n++] = 0;
                }
            } else {
                o[n++] = idx[i];
            }
        }
        return o;
    }

    public static Host reduce(ReduceOp op, Host x, int[] axes, boolean keepDims) {
        Host out = Host.zeros(reducedShape(x.shape, axes, keepDims));
        double init = switch (op) {
            case SUM, MEAN -> 0;
            case PROD -> 1;
            case MAX -> Double.NEGATIVE_INFINITY;
            case MIN -> Double.POSITIVE_INFINITY;
        };
        Arrays.fill(out.data, init);
        long count = 1;
        for (int a : axes) {
            count *= x.dim(a);
        }
        for (int f = 0; f < x.size(); f++) {
            int o = out.offset(outIndex(x.unravel(f), axes, keepDims));
            double v = x.data[f];
            out.data[o] = switch (op) {
                case SUM, MEAN -> out.data[o] + v;
                case PROD -> out.data[o] * v;
                case MAX -> Math.max(out.data[o], v);
                case MIN -> Math.min(out.data[o], v);
            };
        }
        if (op == ReduceOp.MEAN) {
            for (int i = 0; i < out.size(); i++) {
                out.data[i] /= count;
            }
        }
        return out;
    }

    /** {@code log(sum(exp(x)))} with the maximum factored out; all -inf gives -inf. */
    public static Host logSumExp(Host x, int[] axes, boolean keepDims) {
        Host m = reduce(ReduceOp.MAX, x, axes, keepDims);
        Host s = Host.zeros(m.shape);
        for (int f = 0; f < x.size(); f++) {
            int o = s.offset(outIndex(x.unravel(f), axes, keepDims));
            if (Double.isFinite(m.data[o])) {
                s.data[o] += Math.exp(x.data[f] - m.data[o]);
            }
        }
        Host out = Host.zeros(m.shape);
        for (int i = 0; i < out.size(); i++) {
            out.data[i] = Double.isFinite(m.data[i]) ? m.data[i] + Math.log(s.data[i]) : m.data[i];
        }
        return out;
    }

    /** Index of the first largest element along {@code axis}. */
    public static Host argMax(Host x, int axis, boolean keepDims) {
        Host out = Host.zeros(reducedShape(x.shape, new int[] {axis}, keepDims));
        Host best = Host.full(out.shape, Double.NEGATIVE_INFINITY);
        Arrays.fill(out.data, -1);
        for (int f = 0; f < x.size(); f++) {
            int[] idx = x.unravel(f);
            int o = out.offset(outIndex(idx, new int[] {axis}, keepDims));
            if (out.data[o] < 0 || x.data[f] > best.data[o]) {
                best.data[o] = x.data[f];
                out.data[o] = idx[axis];
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- movement

    public static Host permute(Host x, int... axes) {
        int[] d = new int[axes.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x.dim(axes[i]);
        }
        Host out = Host.zeros(d);
        for (int f = 0; f < out.size(); f++) {
            int[] o = out.unravel(f);
            int[] in = new int[o.length];
            for (int i = 0; i < o.length; i++) {
                in[axes[i]] = o[i];
            }
            out.data[f] = x.get(in);
        }
        return out;
    }

    public static int sliceLength(int start, int end, int step) {
        int n = 0;
        for (int i = start; i < end; i += step) {
            n++;
        }
        return n;
    }

    public static Host slice(Host x, int[] starts, int[] ends, int[] steps) {
        int[] d = new int[x.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = sliceLength(starts[i], ends[i], steps[i]);
        }
        Host out = Host.zeros(d);
        for (int f = 0; f < out.size(); f++) {
            int[] o = out.unravel(f);
            int[] in = new int[o.length];
            for (int i = 0; i < o.length; i++) {
                in[i] = starts[i] + o[i] * steps[i];
            }
            out.data[f] = x.get(in);
        }
        return out;
    }

    /** A copy of {@code dst} with {@code src} written at {@code starts + i * steps}. */
    public static Host setSlice(Host dst, Host src, int[] starts, int[] steps) {
        Host out = dst.copy();
        for (int f = 0; f < src.size(); f++) {
            int[] s = src.unravel(f);
            int[] at = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                at[i] = starts[i] + s[i] * steps[i];
            }
            out.set(src.data[f], at);
        }
        return out;
    }

    public static Host concat(List<Host> xs, int axis) {
        int[] d = xs.get(0).shape.toArray();
        d[axis] = 0;
        for (Host x : xs) {
            d[axis] += x.dim(axis);
        }
        Host out = Host.zeros(d);
        int base = 0;
        for (Host x : xs) {
            for (int f = 0; f < x.size(); f++) {
                int[] i = x.unravel(f);
                i[axis] += base;
                out.set(x.data[f], i);
            }
            base += x.dim(axis);
        }
        return out;
    }

    /** Zero padding, or circular: position {@code p} reads input {@code (p - before) mod n}. */
    public static Host pad(Host x, int[] before, int[] after, boolean circular) {
        int[] d = x.shape.toArray();
        for (int i = 0; i < d.length; i++) {
            d[i] += before[i] + after[i];
        }
        Host out = Host.zeros(d);
        for (int f = 0; f < out.size(); f++) {
            int[] o = out.unravel(f);
            int[] in = new int[o.length];
            boolean inside = true;
            for (int i = 0; i < o.length; i++) {
                int p = o[i] - before[i];
                if (circular) {
                    p = ((p % x.dim(i)) + x.dim(i)) % x.dim(i);
                }
                inside &= p >= 0 && p < x.dim(i);
                in[i] = p;
            }
            out.data[f] = inside ? x.get(in) : 0;
        }
        return out;
    }

    // ---------------------------------------------------------------- indexing

    public static Host gather(Host x, int axis, long[] indices) {
        Host out = Host.zeros(x.shape.with(axis, indices.length));
        for (int f = 0; f < out.size(); f++) {
            int[] i = out.unravel(f);
            i[axis] = (int) indices[i[axis]];
            out.data[f] = x.get(i);
        }
        return out;
    }

    public static Host scatterAdd(Host src, int axis, long[] indices, int size) {
        Host out = Host.zeros(src.shape.with(axis, size));
        for (int f = 0; f < src.size(); f++) {
            int[] i = src.unravel(f);
            i[axis] = (int) indices[i[axis]];
            out.add(src.data[f], i);
        }
        return out;
    }

    public static Host oneHot(Host indices, int classes) {
        Host out = Host.zeros(indices.shape.append(classes));
        for (int f = 0; f < indices.size(); f++) {
            int c = (int) indices.data[f];
            if (c >= 0 && c < classes) {
                out.data[f * classes + c] = 1;
            }
        }
        return out;
    }
}
