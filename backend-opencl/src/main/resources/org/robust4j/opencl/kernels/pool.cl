// pool.cl: 2-D max and average pooling and their gradients on NCHW arrays.
// Options: -DT [-DT_FLOAT]. x and gy are strided (int4 strides over N, C, H, W); outputs are
// dense. Windows: KH x KW, stride SH x SW, implicit padding PH x PW that max pooling ignores and
// average pooling counts as zeros (the divisor is always KH*KW). Each kernel runs over the range
// (column, row, image*C + channel) of its output.

// Range of outputs along one axis whose window covers input position i: [lo, hi].
#define COVERING(i, P, K, S, O, lo, hi) \
    const int lo = max(0, (i + P - K + S) / S); \
    const int hi = min(O - 1, (i + P) / S);

// Position (h, w) of the first largest element of window (oh, ow) of plane xp.
inline int2 first_max(__global const T* xp, const int4 sx, const int H, const int W,
                      const int KH, const int KW, const int SH, const int SW, const int PH, const int PW,
                      const int oh, const int ow) {
    int2 at = (int2)(-1, -1);
    T best = (T) 0;
    for (int r = 0; r < KH; r++) {
        const int h = oh * SH - PH + r;
        if (h < 0 || h >= H) continue;
        for (int s = 0; s < KW; s++) {
            const int w = ow * SW - PW + s;
            if (w < 0 || w >= W) continue;
            const T v = xp[h * sx.s2 + w * sx.s3];
            if (at.x < 0 || v > best) {
                best = v;
                at = (int2)(h, w);
            }
        }
    }
    return at;
}

// One work-item per output: the largest element of its window (padding ignored).
__kernel void max_pool(const int C, const int H, const int W,
                       const int KH, const int KW, const int SH, const int SW, const int PH, const int PW,
                       const int OH, const int OW,
                       __global const T* x, const int offX, const int4 sx, __global T* out) {
    const int ow = get_global_id(0);
    if (ow >= OW) return;
    const int oh = get_global_id(1);
    const int c = get_global_id(2) % C;
    const int n = get_global_id(2) / C;
    const int t = ((n * C + c) * OH + oh) * OW + ow;
    __global const T* xp = x + offX + n * sx.s0 + c * sx.s1;
    const int2 at = first_max(xp, sx, H, W, KH, KW, SH, SW, PH, PW, oh, ow);
    out[t] = xp[at.x * sx.s2 + at.y * sx.s3];
}

// One work-item per input element: the sum of the output gradients of the windows whose first
// maximum it is (found again for each window that covers it; a gather, deterministic).
__kernel void max_pool_grad(const int C, const int H, const int W,
                            const int KH, const int KW, const int SH, const int SW, const int PH, const int PW,
                            const int OH, const int OW,
                            __global const T* x, const int offX, const int4 sx,
                            __global const T* gy, const int offG, const int4 sg, __global T* dx) {
    const int w = get_global_id(0);
    if (w >= W) return;
    const int h = get_global_id(1);
    const int c = get_global_id(2) % C;
    const int n = get_global_id(2) / C;
    const int t = ((n * C + c) * H + h) * W + w;
    __global const T* xp = x + offX + n * sx.s0 + c * sx.s1;
    __global const T* gp = gy + offG + n * sg.s0 + c * sg.s1;
    COVERING(h, PH, KH, SH, OH, ohLo, ohHi)
    COVERING(w, PW, KW, SW, OW, owLo, owHi)
    T acc = (T) 0;
    for (int oh = ohLo; oh <= ohHi; oh++) {
        for (int ow = owLo; ow <= owHi; ow++) {
            const int2 at = first_max(xp, sx, H, W, KH, KW, SH, SW, PH, PW, oh, ow);
            if (at.x == h && at.y == w) {
                acc += gp[oh * sg.s2 + ow * sg.s3];
            }
        }
    }
    dx[t] = acc;
}

// One work-item per output: the window's sum over KH*KW (padding counts as zeros).
__kernel void avg_pool(const int C, const int H, const int W,
                       const int KH, const int KW, const int SH, const int SW, const int PH, const int PW,
                       const int OH, const int OW,
                       __global const T* x, const int offX, const int4 sx, __global T* out) {
    const int ow = get_global_id(0);
    if (ow >= OW) return;
    const int oh = get_global_id(1);
    const int c = get_global_id(2) % C;
    const int n = get_global_id(2) / C;
    const int t = ((n * C + c) * OH + oh) * OW + ow;
    __global const T* xp = x + offX + n * sx.s0 + c * sx.s1;
    T acc = (T) 0;
    for (int r = 0; r < KH; r++) {
        const int h = oh * SH - PH + r;
        if (h < 0 || h >= H) continue;
        for (int s = 0; s < KW; s++) {
            const int w = ow * SW - PW + s;
            if (w < 0 || w >= W) continue;
            acc += xp[h * sx.s2 + w * sx.s3];
        }
    }
    out[t] = acc / (T) (KH * KW);
}

// One work-item per input element: the output gradients of every window covering it, over KH*KW.
__kernel void avg_pool_grad(const int C, const int H, const int W,
                            const int KH, const int KW, const int SH, const int SW, const int PH, const int PW,
                            const int OH, const int OW,
                            __global const T* gy, const int offG, const int4 sg, __global T* dx) {
    const int w = get_global_id(0);
    if (w >= W) return;
    const int h = get_global_id(1);
    const int c = get_global_id(2) % C;
    const int n = get_global_id(2) / C;
    const int t = ((n * C + c) * H + h) * W + w;
    __global const T* gp = gy + offG + n * sg.s0 + c * sg.s1;
    COVERING(h, PH, KH, SH, OH, ohLo, ohHi)
    COVERING(w, PW, KW, SW, OW, owLo, owHi)
    T acc = (T) 0;
    for (int oh = ohLo; oh <= ohHi; oh++) {
        for (int ow = owLo; ow <= owHi; ow++) {
            acc += gp[oh * sg.s2 + ow * sg.s3];
        }
    }
    dx[t] = acc / (T) (KH * KW);
}
