// index.cl: gather (index_select), its adjoint scatter_add (index_add), one-hot and padding.
// Options: -DT (element type), -DI_T (index type: int or long). An array indexed along one axis
// is seen as [pre, axis, post]: pre and post are index spaces of their own (common.cl), so
// strided inputs need no copy. Outputs are dense.

// out[p][j][q] = x[p][idx[j]][q], one work-item per output element.
__kernel void gather(const int total, const int L, const int postN,
                     SPACE(pre), const int8 sPre, SPACE(post), const int8 sPost, const int sAxis,
                     __global const T* x, const int offX,
                     __global const I_T* idx, const int offI, const int sI,
                     __global T* out) {
    const int t = get_global_id(0);
    if (t >= total) return;
    const int q = t % postN;
    const int j = (t / postN) % L;
    const int p = t / (postN * L);
    const int at = offX + dot8(UNRAVEL(pre, p), sPre) + (int) idx[offI + j * sI] * sAxis
            + dot8(UNRAVEL(post, q), sPost);
    out[t] = x[at];
}

// out[p][k][q] = sum over j with idx[j] == k of src[p][j][q]. One work-item per output element
// scans the M indices in order: deterministic (no atomics), and cheap for the short index lists
// this backend meets (circular padding, gather gradients).
__kernel void scatter_add(const int total, const int size, const int postN, const int M,
                          SPACE(pre), const int8 sPre, SPACE(post), const int8 sPost, const int sAxis,
                          __global const T* src, const int offS,
                          __global const I_T* idx, const int offI, const int sI,
                          __global T* out) {
    const int t = get_global_id(0);
    if (t >= total) return;
    const int q = t % postN;
    const int k = (t / postN) % size;
    const int p = t / (postN * size);
    const int base = offS + dot8(UNRAVEL(pre, p), sPre) + dot8(UNRAVEL(post, q), sPost);
    T acc = (T) 0;
    for (int j = 0; j < M; j++) {
        if (idx[offI + j * sI] == k) {
            acc += src[base + j * sAxis];
        }
    }
    out[t] = acc;
}

// out[i][c] = (idx[i] == c), for the indices in row-major order (strided) and `classes` classes.
__kernel void one_hot(const int total, const int classes, SPACE(idx), const int8 sIdx,
                      __global const I_T* idx, const int offI, __global T* out) {
    const int t = get_global_id(0);
    if (t >= total) return;
    const int c = t % classes;
    const int i = t / classes;
    out[t] = idx[offI + dot8(UNRAVEL(idx, i), sIdx)] == c ? (T) 1 : (T) 0;
}

// Zero or circular padding: output coordinate c reads input coordinate c - before, wrapped
// around the input's extent (circular) or giving 0 outside it (zero). All int8s innermost first.
__kernel void pad(const int total, SPACE(out), const int8 inDims,
                  const int8 before, const int circular,
                  __global const T* x, const int offX, const int8 sx, __global T* out) {
    const int t = get_global_id(0);
    if (t >= total) return;
    int8 ci = UNRAVEL(out, t) - before;
    if (circular) {
        ci = ((ci % inDims) + inDims) % inDims;
    } else if (any((ci < 0) | (ci >= inDims))) {
        out[t] = (T) 0;
        return;
    }
    out[t] = x[offX + dot8(ci, sx)];
}
