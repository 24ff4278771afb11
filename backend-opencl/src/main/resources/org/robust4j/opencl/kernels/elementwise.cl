// elementwise.cl: unary, binary and comparison ops with broadcasting, one kernel per op.
// Options: -DT (element type) [-DT_FLOAT] [-DMATH_T]. Every kernel takes the index space
// (n and a SPACE) and each operand as (buffer, offset, strides); see common.cl. Each op also has
// a `_flat` variant for index spaces that merged into one axis (contiguous arrays, a scalar
// operand): one stride per operand and no index arithmetic, the common case made cheap.

// ---------------------------------------------------------------- unary

#define UNARY(NAME, EXPR) \
__kernel void unary_##NAME(const int n, SPACE(loop), \
                           __global const T* x, const int offX, const int8 sx, \
                           __global T* out, const int offOut, const int8 so) { \
    const int i = get_global_id(0); \
    if (i >= n) return; \
    const int8 c = UNRAVEL(loop, i); \
    const T v = x[offX + dot8(c, sx)]; \
    out[offOut + dot8(c, so)] = (EXPR); \
} \
__kernel void unary_##NAME##_flat(const int n, __global const T* x, const int offX, const int sx, \
                                  __global T* out, const int offOut, const int so) { \
    const int i = get_global_id(0); \
    if (i >= n) return; \
    const T v = x[offX + i * sx]; \
    out[offOut + i * so] = (EXPR); \
}

// f(v) computed in MATH_T: the element type for floats, double (or float) for integers.
#define M(f) ((T) f((MATH_T) v))

#ifdef T_FLOAT
#define ABS_OF(v) fabs(v)
#else
#define ABS_OF(v) ((v) < 0 ? -(v) : (v))
#endif

// sigmoid without overflow: exp of a negative argument only.
inline MATH_T sigmoid_of(const MATH_T x) {
    if (x >= 0) {
        return (MATH_T) 1 / ((MATH_T) 1 + exp(-x));
    }
    const MATH_T e = exp(x);
    return e / ((MATH_T) 1 + e);
}

UNARY(neg, -v)
UNARY(abs, ABS_OF(v))
UNARY(sign, (T) (v > 0 ? 1 : (v < 0 ? -1 : 0)))
UNARY(exp, M(exp))
UNARY(log, M(log))
UNARY(log1p, M(log1p))
UNARY(expm1, M(expm1))
UNARY(sqrt, M(sqrt))
UNARY(rsqrt, (T) ((MATH_T) 1 / sqrt((MATH_T) v)))
UNARY(square, v * v)
UNARY(reciprocal, (T) ((MATH_T) 1 / (MATH_T) v))
UNARY(tanh, M(tanh))
UNARY(sigmoid, M(sigmoid_of))
UNARY(relu, v > 0 ? v : (T) 0)
UNARY(sin, M(sin))
UNARY(cos, M(cos))
UNARY(floor, M(floor))
UNARY(ceil, M(ceil))
UNARY(erf, M(erf))

// ---------------------------------------------------------------- binary

#ifdef T_FLOAT
#define DIV_OF(a, b) ((a) / (b))
#else
// Integer division by zero gives 0 (as the reference backend), not a trap.
#define DIV_OF(a, b) ((b) == 0 ? (T) 0 : (a) / (b))
#endif
#define POW_OF(a, b) ((T) pow((MATH_T) (a), (MATH_T) (b)))
// Ties and NaN as the reference: max takes a when a >= b, else b.
#define MAX_OF(a, b) ((a) >= (b) ? (a) : (b))
#define MIN_OF(a, b) ((a) <= (b) ? (a) : (b))

// out = a op b, both broadcast through their strides.
#define BINARY(NAME, EXPR) \
__kernel void binary_##NAME(const int n, SPACE(loop), \
                            __global const T* a, const int offA, const int8 sa, \
                            __global const T* b, const int offB, const int8 sb, \
                            __global T* out, const int offOut, const int8 so) { \
    const int i = get_global_id(0); \
    if (i >= n) return; \
    const int8 c = UNRAVEL(loop, i); \
    const T x = a[offA + dot8(c, sa)]; \
    const T y = b[offB + dot8(c, sb)]; \
    out[offOut + dot8(c, so)] = (EXPR); \
} \
__kernel void binary_##NAME##_flat(const int n, __global const T* a, const int offA, const int sa, \
                                   __global const T* b, const int offB, const int sb, \
                                   __global T* out, const int offOut, const int so) { \
    const int i = get_global_id(0); \
    if (i >= n) return; \
    const T x = a[offA + i * sa]; \
    const T y = b[offB + i * sb]; \
    out[offOut + i * so] = (EXPR); \
} \
/* out = x op s, or s op x when scalarFirst: the scalar travels as an argument, not an array. */ \
__kernel void scalar_##NAME(const int n, SPACE(loop), \
                            __global const T* a, const int offA, const int8 sa, \
                            const T s, const int scalarFirst, \
                            __global T* out, const int offOut, const int8 so) { \
    const int i = get_global_id(0); \
    if (i >= n) return; \
    const int8 c = UNRAVEL(loop, i); \
    const T v = a[offA + dot8(c, sa)]; \
    const T x = scalarFirst ? s : v; \
    const T y = scalarFirst ? v : s; \
    out[offOut + dot8(c, so)] = (EXPR); \
} \
__kernel void scalar_##NAME##_flat(const int n, __global const T* a, const int offA, const int sa, \
                                   const T s, const int scalarFirst, \
                                   __global T* out, const int offOut, const int so) { \
    const int i = get_global_id(0); \
    if (i >= n) return; \
    const T v = a[offA + i * sa]; \
    const T x = scalarFirst ? s : v; \
    const T y = scalarFirst ? v : s; \
    out[offOut + i * so] = (EXPR); \
}

BINARY(add, x + y)
BINARY(sub, x - y)
BINARY(mul, x * y)
BINARY(div, DIV_OF(x, y))
BINARY(pow, POW_OF(x, y))
BINARY(max, MAX_OF(x, y))
BINARY(min, MIN_OF(x, y))

// ---------------------------------------------------------------- comparisons

// 1 where the comparison holds, 0 elsewhere, in the inputs' type. NaN compares unordered
// (only != holds) and -0 == +0, as IEEE comparisons do.
BINARY(eq, (T) (x == y))
BINARY(ne, (T) (x != y))
BINARY(lt, (T) (x < y))
BINARY(le, (T) (x <= y))
BINARY(gt, (T) (x > y))
BINARY(ge, (T) (x >= y))
