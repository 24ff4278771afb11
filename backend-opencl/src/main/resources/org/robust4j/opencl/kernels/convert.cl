// convert.cl: strided copy with a dtype conversion, behind copy, cast, assign, setSlice,
// concat and broadcastTo. Options: -DSRC_T, -DDST_T and -DCONV_MODE, chosen on the Java side
// to match Java's casts:
//   0: C cast (same type, or integer narrowing, which keeps the low bits);
//   1: floating to integer: truncate toward zero and saturate, NaN to 0 (the _sat_rtz conversion);
//   2: to floating point, rounding to nearest even.

#define CAT3(a, b, c) a##b##c
#define XCAT3(a, b, c) CAT3(a, b, c)
#define CAT2(a, b) a##b
#define XCAT2(a, b) CAT2(a, b)

#if CONV_MODE == 1
#define CONVERT(x) XCAT3(convert_, DST_T, _sat_rtz)(x)
#elif CONV_MODE == 2
#define CONVERT(x) XCAT2(convert_, DST_T)(x)
#else
#define CONVERT(x) ((DST_T) (x))
#endif

__kernel void copy(const int n, SPACE(loop),
                   __global const SRC_T* src, const int offSrc, const int8 ss,
                   __global DST_T* dst, const int offDst, const int8 sd) {
    const int i = get_global_id(0);
    if (i >= n) return;
    const int8 c = UNRAVEL(loop, i);
    dst[offDst + dot8(c, sd)] = CONVERT(src[offSrc + dot8(c, ss)]);
}

// The same over one axis (contiguous or evenly strided operands): no index arithmetic.
__kernel void copy_flat(const int n, __global const SRC_T* src, const int offSrc, const int ss,
                        __global DST_T* dst, const int offDst, const int sd) {
    const int i = get_global_id(0);
    if (i >= n) return;
    dst[offDst + i * sd] = CONVERT(src[offSrc + i * ss]);
}
