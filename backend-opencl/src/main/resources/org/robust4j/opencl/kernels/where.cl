// where.cl: out = cond != 0 ? a : b, all three broadcast through their strides. A selection,
// never arithmetic, so the branch not taken (NaN, infinity) cannot leak into the result.
// Options: -DT (type of a, b and out), -DC_T (type of cond).

__kernel void where(const int n, SPACE(loop),
                    __global const C_T* cond, const int offC, const int8 sc,
                    __global const T* a, const int offA, const int8 sa,
                    __global const T* b, const int offB, const int8 sb,
                    __global T* out, const int offOut, const int8 so) {
    const int i = get_global_id(0);
    if (i >= n) return;
    const int8 c = UNRAVEL(loop, i);
    // NaN != 0 holds, so a NaN condition selects a.
    out[offOut + dot8(c, so)] = cond[offC + dot8(c, sc)] != 0 ? a[offA + dot8(c, sa)] : b[offB + dot8(c, sb)];
}

// The same over one axis: no index arithmetic.
__kernel void where_flat(const int n, __global const C_T* cond, const int offC, const int sc,
                         __global const T* a, const int offA, const int sa,
                         __global const T* b, const int offB, const int sb,
                         __global T* out, const int offOut, const int so) {
    const int i = get_global_id(0);
    if (i >= n) return;
    out[offOut + i * so] = cond[offC + i * sc] != 0 ? a[offA + i * sa] : b[offB + i * sb];
}
