// conv.cl: the two data rearrangements that turn a 2-D convolution into matrix products.
// Options: -DT. Geometry: input [N, C, H, W] (strided), kernel KH x KW, stride SH x SW, zero
// padding PH x PW, dilation DH x DW, output OH x OW; P = OH*OW output positions, and
// KC = C*KH*KW rows of the column matrix (channel-major, then kernel row, then kernel column,
// which is also the order of a [C_out, C/groups, KH, KW] kernel's last three axes, group by group).

// col[nl][kc][p] = x[n0 + nl][c][oh*SH - PH + r*DH][ow*SW - PW + s*DW] (0 in the padding),
// for nl < nb, kc = (c, r, s), p = (oh, ow). One work-item per element of col, over the range
// (p, kc, nl): neighbouring work-items write neighbouring columns.
__kernel void im2col(const int C, const int H, const int W,
                     const int KH, const int KW, const int SH, const int SW, const int PH, const int PW,
                     const int DH, const int DW, const int OH, const int OW,
                     __global const T* x, const int offX, const int4 sx, const int n0,
                     __global T* col) {
    const int p = get_global_id(0);
    const int P = OH * OW;
    if (p >= P) return;
    const int kc = get_global_id(1);
    const int nl = get_global_id(2);
    const int KC = C * KH * KW;
    const int oh = p / OW;
    const int ow = p - oh * OW;
    const int s = kc % KW;
    const int r = (kc / KW) % KH;
    const int c = kc / (KW * KH);
    const int h = oh * SH - PH + r * DH;
    const int w = ow * SW - PW + s * DW;
    T v = (T) 0;
    if (h >= 0 && h < H && w >= 0 && w < W) {
        v = x[offX + (n0 + nl) * sx.s0 + c * sx.s1 + h * sx.s2 + w * sx.s3];
    }
    col[((long) nl * KC + kc) * P + p] = v;
}

// The adjoint of im2col: dx[n0 + nl][c][h][w] = sum of the col entries im2col would have read
// from (c, h, w): for each kernel tap (r, s), the output position (oh, ow) that reads it, when
// the stride divides the distance and it lies inside the output. A gather (one work-item per
// element of dx, over the range (w, h, nl*C + c)), so no two work-items write the same place and
// the sum is deterministic.
__kernel void col2im(const int C, const int H, const int W,
                     const int KH, const int KW, const int SH, const int SW, const int PH, const int PW,
                     const int DH, const int DW, const int OH, const int OW,
                     __global const T* col, __global T* dx, const int offDx) {
    const int w = get_global_id(0);
    if (w >= W) return;
    const int h = get_global_id(1);
    const int c = get_global_id(2) % C;
    const int nl = get_global_id(2) / C;
    const int P = OH * OW;
    const int KC = C * KH * KW;
    __global const T* colN = col + (long) nl * KC * P;
    T acc = (T) 0;
    // Stride 1 (the common case) needs no division: the branch is the same for every work-item.
    for (int r = 0; r < KH; r++) {
        const int hh = h + PH - r * DH;
        if (hh < 0 || (SH > 1 && hh % SH != 0)) continue;
        const int oh = SH > 1 ? hh / SH : hh;
        if (oh >= OH) continue;
        for (int s = 0; s < KW; s++) {
            const int ww = w + PW - s * DW;
            if (ww < 0 || (SW > 1 && ww % SW != 0)) continue;
            const int ow = SW > 1 ? ww / SW : ww;
            if (ow >= OW) continue;
            acc += colN[((c * KH + r) * KW + s) * P + oh * OW + ow];
        }
    }
    dx[offDx + ((nl * C + c) * H + h) * W + w] = acc;
}
