package org.robust4j.layers.lipschitz;

import static org.robust4j.core.util.Checks.checkArgument;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/** Largest singular values by EJML's SVD (implicit QR, singular values only), in double. */
final class Svd {
    private Svd() {}

    /** Largest singular value of the row-major {@code rows x cols} matrix {@code a}. */
    static double largest(double[] a, int rows, int cols) {
        checkArgument(a.length == rows * cols, "Svd: %s values for a %sx%s matrix", a.length, rows, cols);
        if (rows == 0 || cols == 0) {
            return 0;
        }
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        System.arraycopy(a, 0, m.data, 0, a.length);
        return largest(m);
    }

    /**
     * Largest singular value of the complex {@code rows x cols} matrix {@code re + i im}, via its
     * real form {@code [[re, -im], [im, re]]}, whose singular values are the complex ones, each twice.
     */
    static double largestComplex(double[] re, double[] im, int rows, int cols) {
        checkArgument(re.length == rows * cols && im.length == re.length,
                "Svd: %s and %s values for a complex %sx%s matrix", re.length, im.length, rows, cols);
        if (rows == 0 || cols == 0) {
            return 0;
        }
        DMatrixRMaj m = new DMatrixRMaj(2 * rows, 2 * cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double r = re[i * cols + j];
                double q = im[i * cols + j];
                m.set(i, j, r);
                m.set(i, j + cols, -q);
                m.set(i + rows, j, q);
                m.set(i + rows, j + cols, r);
            }
        }
        return largest(m);
    }

    private static double largest(DMatrixRMaj m) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false, false, true);
        checkArgument(svd.decompose(m), "Svd: EJML's SVD did not converge on a %sx%s matrix", m.numRows, m.numCols);
        double best = 0;
        for (double s : svd.getSingularValues()) {
            best = Math.max(best, s);
        }
        return best;
    }
}
