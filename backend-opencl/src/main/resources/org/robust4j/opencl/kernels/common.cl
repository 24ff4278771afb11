// common.cl: compiled in front of every kernel source of this backend.
//
// Build options (set by the Java side): -DT=<element type> (float, double, int, long) with
// -DT_FLOAT for float and double, -DUSE_FP64 when any double appears, -DMATH_T=<type> that
// integer arrays compute transcendental functions in. Other families add their own options.
//
// Arrays are strided windows of buffers: element (i0, i1, ...) of an operand lives at
// off + i0*s0 + i1*s1 + ... (in elements). Kernels get the index space as a SPACE (below: rank,
// dims innermost first, axes merged on the host where every operand allows) and one int8 of
// strides per operand, so views and broadcasts (stride 0) are read in place.

#ifdef USE_FP64
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
#endif

#ifndef MATH_T
#define MATH_T T
#endif

// An index space as kernel arguments (see Loop.java): its rank, its dims (innermost axis in .s0,
// at least 2 each, except the outermost, which is never divided by), and per dim the magic
// multiplier and shift that divide by it with one multiply: q = hi32(n * magic) >> shift equals
// n / dim for 0 <= n < 2^31 (Granlund and Montgomery, PLDI 1994). A division by a value known
// only at run time costs tens of instructions on a GPU; this costs two (a wide multiply, a shift).
#define SPACE(p) const int p##Rank, const int8 p##Dims, const int8 p##Magic, const int8 p##Shift
#define UNRAVEL(p, i) unravel((i), p##Rank, p##Dims, p##Magic, p##Shift)

// One step of turning a flat row-major index into coordinates: axis k takes i mod dims[k],
// except the outermost axis, which takes what is left.
#define UNRAVEL_STEP(k) \
    if (rank > k + 1) { \
        /* the high half of the 64-bit product: one mul.wide / mul.hi on GPUs */ \
        const int q = (int) ((uint) (((ulong) (uint) i * (uint) magic.s##k) >> 32) >> shift.s##k); \
        c.s##k = i - q * dims.s##k; \
        i = q; \
    } else { \
        c.s##k = i; \
        return c; \
    }

// Coordinates of flat index i over `rank` axes of `dims` (innermost first); unused axes are 0.
inline int8 unravel(int i, const int rank, const int8 dims, const int8 magic, const int8 shift) {
    int8 c = (int8)(0);
    if (rank == 0) {
        return c;
    }
    UNRAVEL_STEP(0) UNRAVEL_STEP(1) UNRAVEL_STEP(2) UNRAVEL_STEP(3)
    UNRAVEL_STEP(4) UNRAVEL_STEP(5) UNRAVEL_STEP(6)
    c.s7 = i;
    return c;
}

// Offset of coordinates c in an operand with strides s.
inline int dot8(const int8 c, const int8 s) {
    const int8 p = c * s;
    return p.s0 + p.s1 + p.s2 + p.s3 + p.s4 + p.s5 + p.s6 + p.s7;
}
