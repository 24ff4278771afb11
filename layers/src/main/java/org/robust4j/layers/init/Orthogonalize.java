package org.robust4j.layers.init;

/** Thin QR by modified Gram-Schmidt with re-orthogonalisation, on host arrays (initialisation only). */
final class Orthogonalize {
    private Orthogonalize() {}

    /**
     * The {@code m x n} (m >= n) factor Q of {@code a = QR}, row-major, with R's diagonal made
     * positive (so Q is uniformly distributed when {@code a} is Gaussian).
     */
    static double[] thinQ(double[] a, int m, int n) {
        double[] q = a.clone();
        for (int j = 0; j < n; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < m; i++) {
                        dot += q[i * n + k] * q[i * n + j];
                    }
                    for (int i = 0; i < m; i++) {
                        q[i * n + j] -= dot * q[i * n + k];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) {
                norm += q[i * n + j] * q[i * n + j];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < m; i++) {
                q[i * n + j] /= norm;
            }
        }
        return q;
    }
}
