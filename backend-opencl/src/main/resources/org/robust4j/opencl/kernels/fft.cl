// fft.cl: discrete Fourier transforms along one axis of planar complex data (separate real and
// imaginary arrays), X_k = sum_j x_j e^{sign 2 pi i jk / n}, sign -1 forward and +1 inverse,
// times `scale` (1/n on the last pass of an inverse). Options: -DT [-DT_FLOAT] [-DUSE_FP64].
//
// The data is a set of lines: line l has element j at
//   (l / inner) * outerStride + (l % inner) * innerStride + j * elemStride,
// so rows (the last axis) and columns (the axis before it) are both transformed in place of
// their layout, without transposes.

inline int line_base(const int l, const int inner, const int outerStride, const int innerStride) {
    return (l / inner) * outerStride + (l % inner) * innerStride;
}

// One radix-2 pass of the Stockham autosort FFT (n a power of two; passes for Ns = 1, 2, 4, ...,
// n/2 leave the result in natural order, ping-ponging between two buffers). Work-item (l, j),
// j < n/2, combines x_j and x_{j+n/2} (the latter twisted by e^{sign i pi k / Ns}, k = j mod Ns)
// into the outputs k and k + Ns of its sub-transform of length 2 Ns.
__kernel void radix2(const int total, const int n, const int Ns, const T sign, const T scale,
                     const int inner, const int outerStride, const int innerStride, const int elemStride,
                     __global const T* reIn, __global const T* imIn, __global T* reOut, __global T* imOut) {
    const int t = get_global_id(0);
    if (t >= total) return;
    const int halfN = n >> 1;
    const int l = t / halfN;
    const int j = t % halfN;
    const int base = line_base(l, inner, outerStride, innerStride);
    const int k = j % Ns;
    // The angle as a fraction of pi, exact for power-of-two Ns: cospi/sinpi stay accurate.
    const T turn = (T) k / (T) Ns;
    const T wr = cospi(turn);
    const T wi = sign * sinpi(turn);
    const int i0 = base + j * elemStride;
    const int i1 = base + (j + halfN) * elemStride;
    const T ar = reIn[i0];
    const T ai = imIn[i0];
    const T br = reIn[i1] * wr - imIn[i1] * wi;
    const T bi = reIn[i1] * wi + imIn[i1] * wr;
    const int o0 = base + ((j / Ns) * 2 * Ns + k) * elemStride;
    const int o1 = o0 + Ns * elemStride;
    reOut[o0] = (ar + br) * scale;
    imOut[o0] = (ai + bi) * scale;
    reOut[o1] = (ar - br) * scale;
    imOut[o1] = (ai - bi) * scale;
}

// The defining sum for any n, one work-item per output (l, k): O(n) work each. The phase jk mod n
// is kept as an exact integer, stepped by k, so the angle is exact before rounding.
__kernel void dft(const int total, const int n, const T sign, const T scale,
                  const int inner, const int outerStride, const int innerStride, const int elemStride,
                  __global const T* reIn, __global const T* imIn, __global T* reOut, __global T* imOut) {
    const int t = get_global_id(0);
    if (t >= total) return;
    const int l = t / n;
    const int k = t % n;
    const int base = line_base(l, inner, outerStride, innerStride);
    T sr = (T) 0;
    T si = (T) 0;
    int phase = 0;
    for (int j = 0; j < n; j++) {
        const T turn = (T) (2 * phase) / (T) n;
        const T wr = cospi(turn);
        const T wi = sign * sinpi(turn);
        const T xr = reIn[base + j * elemStride];
        const T xi = imIn[base + j * elemStride];
        sr += xr * wr - xi * wi;
        si += xr * wi + xi * wr;
        phase += k;
        if (phase >= n) phase -= n;
    }
    const int o = base + k * elemStride;
    reOut[o] = sr * scale;
    imOut[o] = si * scale;
}
