package org.robust4j.core.conformance.support;

/**
 * The discrete Fourier transform by its defining sums, in double: {@code X_k = sum_j x_j
 * e^{-2 pi i jk/n}}, the inverse with {@code +} and divided by {@code n}. The 2-D transform is the
 * explicit double sum over both axes, not two 1-D passes, so it shares no structure with a
 * separable implementation.
 */
public final class NaiveFft {
    private NaiveFft() {}

    /** @return {re, im} of the transform of {@code (re, im)} ({@code im} may be null) over the last {@code dims} axes. */
    public static Host[] dft(Host re, Host im, int dims, boolean inverse) {
        Host outRe = Host.zeros(re.shape);
        Host outIm = Host.zeros(re.shape);
        int n1 = dims == 2 ? re.dim(-2) : 1;
        int n2 = re.dim(-1);
        int plane = n1 * n2;
        int batches = plane == 0 ? 0 : re.size() / plane;
        double sign = inverse ? 1 : -1;
        for (int b = 0; b < batches; b++) {
            int base = b * plane;
            for (int k1 = 0; k1 < n1; k1++) {
                for (int k2 = 0; k2 < n2; k2++) {
                    double sr = 0;
                    double si = 0;
                    for (int j1 = 0; j1 < n1; j1++) {
                        for (int j2 = 0; j2 < n2; j2++) {
                            // exact phase as a fraction of a turn, reduced before scaling by 2 pi
                            double turns = (double) ((long) j1 * k1 % n1) / n1 + (double) ((long) j2 * k2 % n2) / n2;
                            double theta = sign * 2 * Math.PI * turns;
                            double c = Math.cos(theta);
                            double s = Math.sin(theta);
                            double xr = re.data[base + j1 * n2 + j2];
                            double xi = im == null ? 0 : im.data[base + j1 * n2 + j2];
                            sr += xr * c - xi * s;
                            si += xr * s + xi * c;
                        }
                    }
                    if (inverse) {
                        sr /= plane;
                        si /= plane;
                    }
                    outRe.data[base + k1 * n2 + k2] = sr;
                    outIm.data[base + k1 * n2 + k2] = si;
                }
            }
        }
        return new Host[] {outRe, outIm};
    }
}
