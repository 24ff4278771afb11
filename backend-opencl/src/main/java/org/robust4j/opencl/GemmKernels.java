package org.robust4j.opencl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.robust4j.core.tensor.DType;
import org.robust4j.core.tensor.Shape;

/**
 * Batched matrix products on {@code gemm.cl}. The tilings a device can run are chosen at run time
 * from its kind, work-group limit and local memory (and, once built, each kernel's own work-group
 * limit, which register use can lower); each call takes the tile with the least estimated time
 * (see {@link #choose(List, int, int, int, int)}), so large products get register-blocked
 * 128 x 128 tiles, and skinny or small ones tiles that neither waste work-items on padding nor
 * leave compute units idle. Also serves the convolutions, as a strided matrix product.
 */
final class GemmKernels {
    private static final String FILE = "gemm.cl";
    /** Work-items per group of the tilings used on devices that are not GPUs. */
    private static final int CPU_MAX_THREADS = 64;

    private final OpenClBackend backend;
    private final Map<DType, List<GemmTile>> tiles = new ConcurrentHashMap<>();
    /** The one tiling configuration asked for ({@code robust4j.opencl.gemm-tile}), or null for automatic. */
    private final GemmTile forced;

    GemmKernels(OpenClBackend backend) {
        this.backend = backend;
        String spec = backend.options().gemmTile();
        this.forced = spec == null || spec.isBlank() || spec.trim().equalsIgnoreCase("auto") ? null : GemmTile.parse(spec);
    }

    /** One operand: element (i, j) of batch item b at {@code offset + batchOffset(b) + i*rowStride + j*colStride}. */
    record Operand(ClBuffer buffer, int offset, int rowStride, int colStride) {
    }

    /** {@code a @ b} with optional transposes of the last two axes and broadcast batch axes. */
    ClArray matmul(ClArray a, ClArray b, boolean transA, boolean transB) {
        Shape sa = a.shape();
        Shape sb = b.shape();
        int ra = sa.rank();
        int rb = sb.rank();
        int m = transA ? sa.dim(-1) : sa.dim(-2);
        int k = transA ? sa.dim(-2) : sa.dim(-1);
        int n = transB ? sb.dim(-2) : sb.dim(-1);
        Shape batch = Shape.broadcast("matmul", sa.sub(0, ra - 2), sb.sub(0, rb - 2));
        ClArray out = backend.alloc(batch.append(m, n), a.dtype());
        if (out.shape().size() == 0) {
            return out;
        }
        if (k == 0) {
            backend.fill(out, 0.0);
            return out;
        }
        Operand opA = new Operand(a.buffer("matmul"), a.offset,
                transA ? a.strides[ra - 1] : a.strides[ra - 2], transA ? a.strides[ra - 2] : a.strides[ra - 1]);
        Operand opB = new Operand(b.buffer("matmul"), b.offset,
                transB ? b.strides[rb - 1] : b.strides[rb - 2], transB ? b.strides[rb - 2] : b.strides[rb - 1]);
        int[] bsA = Strides.broadcast(sa.sub(0, ra - 2), java.util.Arrays.copyOf(a.strides, ra - 2), batch);
        int[] bsB = Strides.broadcast(sb.sub(0, rb - 2), java.util.Arrays.copyOf(b.strides, rb - 2), batch);
        int[] bsC = Strides.rowMajor(batch);
        for (int i = 0; i < bsC.length; i++) {
            bsC[i] *= m * n;
        }
        run(a.dtype(), m, n, k, opA, opB, out.buffer("matmul"), 0, n, batch, bsA, bsB, bsC);
        return out;
    }

    /**
     * {@code C[b] = A[b] @ B[b]} for every batch index {@code b} of {@code batch}; C is dense per
     * batch item with row stride {@code ldc}. {@code m, n, k > 0}.
     */
    void run(DType dt, int m, int n, int k, Operand a, Operand b, ClBuffer c, int offC, int ldc,
             Shape batch, int[] bsA, int[] bsB, int[] bsC) {
        Loop bl = Loop.of(batch, bsA, bsB, bsC);
        if (bl.n == 0) {
            return;
        }
        GemmTile t = choose(dt, m, n, bl.n);
        Launch launch = backend.launch(FILE, backend.typeOptions(dt) + t.buildOptions(), "gemm");
        if (launch.maxGroupSize() < t.threads()) {
            // The compiled kernel needs more registers than a group of this size may have: drop the tile.
            tiles.computeIfPresent(dt, (d, l) -> l.size() > 1 ? l.stream().filter(x -> !x.equals(t)).toList() : l);
            if (!t.equals(choose(dt, m, n, bl.n))) {
                run(dt, m, n, k, a, b, c, offC, ldc, batch, bsA, bsB, bsC);
                return;
            }
        }
        launch.i32(m).i32(n).i32(k)
                .mem(a.buffer()).i32(a.offset()).i32(a.rowStride()).i32(a.colStride())
                .mem(b.buffer()).i32(b.offset()).i32(b.rowStride()).i32(b.colStride())
                .mem(c).i32(offC).i32(ldc)
                .space(bl).int8(bl.strides[0]).int8(bl.strides[1]).int8(bl.strides[2])
                .run(new long[] {(long) ceilDiv(n, t.tsn()) * (t.tsn() / t.wptn()),
                        (long) ceilDiv(m, t.tsm()) * (t.tsm() / t.wptm()), bl.n},
                        new long[] {t.tsn() / t.wptn(), t.tsm() / t.wptm(), 1});
    }

    /**
     * The tile with the least estimated time: the work-groups run in waves of one per compute
     * unit, each taking time in proportion to its block's area (padding past the edges of C
     * included) over how well its work-items use their registers (more results per work-item,
     * more multiply-adds per local-memory read). Large products get the largest tiles, skinny or
     * small ones tiles that fit them, and a product too small to fill the device the tile that
     * keeps most compute units busy.
     */
    private GemmTile choose(DType dt, int m, int n, int batch) {
        return choose(usable(dt), backend.computeUnits(), m, n, batch);
    }

    static GemmTile choose(List<GemmTile> usable, int computeUnits, int m, int n, int batch) {
        long units = Math.max(1, computeUnits);
        GemmTile best = null;
        double bestTime = Double.POSITIVE_INFINITY;
        for (GemmTile t : usable) {
            long groups = (long) ceilDiv(m, t.tsm()) * ceilDiv(n, t.tsn()) * batch;
            double time = Math.ceil((double) groups / units) * t.tsm() * t.tsn() / efficiency(t);
            if (time < bestTime) {
                best = t;
                bestTime = time;
            }
        }
        return best;
    }

    /** Relative speed of a work-item by the results it keeps in registers (a model, not a measurement). */
    private static double efficiency(GemmTile t) {
        int r = t.wptm() * t.wptn();
        return r >= 64 ? 1.0 : r >= 32 ? 0.9 : r >= 16 ? 0.75 : r >= 4 ? 0.4 : 0.2;
    }

    /** The tiles this device can run for {@code dt}: within its work-group and local memory limits. */
    List<GemmTile> usable(DType dt) {
        return tiles.computeIfAbsent(dt, d -> {
            ClContext cl = backend.cl();
            if (forced != null) {
                if (forced.threads() > cl.maxWorkGroupSize || forced.localBytes(d.bytes()) > cl.localMemBytes) {
                    throw new IllegalArgumentException("opencl: gemm-tile " + forced + " needs " + forced.threads()
                            + " work-items and " + forced.localBytes(d.bytes()) + " bytes of local memory; "
                            + cl.device.name() + " allows " + cl.maxWorkGroupSize + " and " + cl.localMemBytes);
                }
                return List.of(forced);
            }
            List<GemmTile> ok = usable(d, cl.device.gpu(), cl.maxWorkGroupSize, cl.localMemBytes);
            if (ok.isEmpty()) {
                throw new UnsupportedOperationException("opencl: no matrix-product tiling fits " + cl.device.name()
                        + " (work-group limit " + cl.maxWorkGroupSize + ", local memory " + cl.localMemBytes + " bytes)");
            }
            return ok;
        });
    }

    /** The candidate tilings a device of this kind and these limits runs for elements of {@code dt}. */
    static List<GemmTile> usable(DType dt, boolean gpu, int maxWorkGroup, long localBytes) {
        List<GemmTile> fits = new ArrayList<>();
        for (GemmTile t : GemmTile.CANDIDATES) {
            // 8-byte elements double the registers: the 8 x 8 blocks would spill on GPUs.
            boolean registers = t.registerBytes(dt.bytes()) <= 256;
            // CPU devices (PoCL) run a work-group as a loop over its work-items and keep each
            // one's registers in memory across barriers: few work-items with large blocks are
            // several times faster there (64 x 64 tiles of 64 work-items: 6x on PoCL).
            boolean kind = gpu || t.threads() <= CPU_MAX_THREADS;
            if (registers && kind && t.threads() <= maxWorkGroup && t.localBytes(dt.bytes()) <= localBytes) {
                fits.add(t);
            }
        }
        List<GemmTile> ok = new ArrayList<>();
        for (GemmTile t : fits) {
            // A GPU hides memory latency with many work-items: of two tiles with the same block,
            // keep the one with more (64 x 64 by 256 rather than by 64).
            boolean better = gpu && fits.stream().anyMatch(o -> o.tsm() == t.tsm() && o.tsn() == t.tsn()
                    && o.threads() > t.threads());
            if (!better) {
                ok.add(t);
            }
        }
        return List.copyOf(ok);
    }

    /** The usable tilings per floating dtype, for {@code info()}. */
    String describeTiles() {
        StringBuilder sb = new StringBuilder();
        for (DType d : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            if (d == DType.FLOAT64 && !backend.device().fp64()) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : "; ").append(d).append(' ')
                    .append(usable(d).stream().map(GemmTile::toString).collect(Collectors.joining(", ")));
        }
        return sb.toString();
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
