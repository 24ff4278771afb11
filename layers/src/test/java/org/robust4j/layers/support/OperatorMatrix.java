package org.robust4j.layers.support;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;

/**
 * Ground truth for spectral-norm tests, independent of the code under test: the explicit matrix
 * of a convolution, built column by column by applying {@link Naive#conv2d} to unit vectors, and
 * its largest singular value by EJML's SVD.
 */
public final class OperatorMatrix {
    private OperatorMatrix() {}

    /** The {@code (c_out*oh*ow) x (c_in*h*w)} matrix, row-major, and its row count first. */
    public static DMatrixRMaj conv(double[] kernel, int co, int ci, int kh, int kw, int h, int w, int stride,
                                   int padH, int padW, boolean circular) {
        int cols = ci * h * w;
        double[] probe = Naive.conv2d(new double[cols], 1, ci, h, w, kernel, co, kh, kw, stride, padH, padW, circular,
                null);
        DMatrixRMaj m = new DMatrixRMaj(probe.length, cols);
        double[] e = new double[cols];
        for (int j = 0; j < cols; j++) {
            e[j] = 1;
            double[] y = Naive.conv2d(e, 1, ci, h, w, kernel, co, kh, kw, stride, padH, padW, circular, null);
            e[j] = 0;
            for (int i = 0; i < y.length; i++) {
                m.set(i, j, y[i]);
            }
        }
        return m;
    }

    /** Largest singular value (0 for an empty matrix). */
    public static double largestSingularValue(DMatrixRMaj m) {
        if (m.numRows == 0 || m.numCols == 0) {
            return 0;
        }
        double best = 0;
        for (double s : SingularOps_DDRM.singularValues(m.copy())) {
            best = Math.max(best, s);
        }
        return best;
    }
}
