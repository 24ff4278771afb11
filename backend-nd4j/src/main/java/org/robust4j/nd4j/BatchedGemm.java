package org.robust4j.nd4j;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas.cblas_sgemm;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch of matrix products as one OpenBLAS {@code cblas_?gemm} call per item, on pointers into
 * the dense operands. libnd4j's own batched matmul (the {@code Mmul} op on rank-3 arrays) runs at
 * 0.2 GFLOPS on some shapes (e.g. 196 x [64 x 128] x [128 x 64], measured 100x slower than this
 * loop, which was as fast or faster on every shape tried, down to 1000 x [8 x 8]).
 */
final class BatchedGemm {
    private BatchedGemm() {}

    /** Whether {@link #run} takes these arrays: float or double, all one type, dense row-major, no offset. */
    static boolean applies(INDArray a, INDArray b, INDArray z) {
        DataType t = z.dataType();
        return (t == DataType.FLOAT || t == DataType.DOUBLE) && a.dataType() == t && b.dataType() == t
                && Nd4jBackend.isWholeBuffer(a) && Nd4jBackend.isWholeBuffer(b) && Nd4jBackend.isWholeBuffer(z);
    }

    /**
     * {@code z[i] = op(a[i]) op(b[i])} for {@code i < nb}. {@code a}, {@code b} and {@code z} are
     * dense row-major with no offset: {@code a} holds {@code nb} matrices of {@code m x k}
     * ({@code k x m} when {@code transA}), {@code b} of {@code k x n} ({@code n x k} when
     * {@code transB}), {@code z} of {@code m x n}; float or double.
     */
    static void run(INDArray a, INDArray b, INDArray z, int nb, int m, int n, int k, boolean transA, boolean transB) {
        if (!applies(a, b, z)) {
            throw new IllegalArgumentException("batched gemm: operands must be dense row-major float or double arrays");
        }
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        long sa = (long) m * k;
        long sb = (long) k * n;
        long sz = (long) m * n;
        if (z.dataType() == DataType.FLOAT) {
            FloatPointer pa = new FloatPointer(a.data().addressPointer());
            FloatPointer pb = new FloatPointer(b.data().addressPointer());
            FloatPointer pz = new FloatPointer(z.data().addressPointer());
            for (int i = 0; i < nb; i++) {
                cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, 1f, pa.position(i * sa), lda, pb.position(i * sb), ldb, 0f,
                        pz.position(i * sz), n);
            }
        } else {
            DoublePointer pa = new DoublePointer(a.data().addressPointer());
            DoublePointer pb = new DoublePointer(b.data().addressPointer());
            DoublePointer pz = new DoublePointer(z.data().addressPointer());
            for (int i = 0; i < nb; i++) {
                cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, 1.0, pa.position(i * sa), lda, pb.position(i * sb), ldb, 0.0,
                        pz.position(i * sz), n);
            }
        }
    }
}
