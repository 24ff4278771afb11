// reduce.cl: sum, product, max and min over a set of axes, and argmax over one axis.
// Options: -DT [-DT_FLOAT]. The input is split into an outer index space (the kept axes: one
// result each) and an inner one (the reduced axes), each with its own dims and strides, so any
// view reduces in place. MEAN is SUM with a divisor applied once, at the end.
//
// Two shapes of work: `rows_*` gives each result one work-item that loops over its inputs (many
// results, or few inputs each); `groups_*` gives each result one or more work-groups that
// stride over the inputs and combine in local memory (few results with many inputs each). When
// several groups share a result they write partial results, reduced again by a second launch.

#ifdef T_FLOAT
#define IS_NAN(v) isnan(v)
#define LOWEST (-INFINITY)
#define HIGHEST INFINITY
#else
#define IS_NAN(v) 0
#define LOWEST (sizeof(T) == 4 ? (T) INT_MIN : (T) LONG_MIN)
#define HIGHEST (sizeof(T) == 4 ? (T) INT_MAX : (T) LONG_MAX)
#endif

// Combining two partial results; max and min propagate NaN, like Java's Math.max.
#define SUM_ID ((T) 0)
#define SUM_OP(a, b) ((a) + (b))
#define PROD_ID ((T) 1)
#define PROD_OP(a, b) ((a) * (b))
#define MAX_ID LOWEST
#define MAX_OP(a, b) ((IS_NAN(a) || (a) >= (b)) ? (a) : (b))
#define MIN_ID HIGHEST
#define MIN_OP(a, b) ((IS_NAN(a) || (a) <= (b)) ? (a) : (b))

#define REDUCE(NAME, ID, OP) \
__kernel void rows_##NAME(const int outN, SPACE(out), const int8 sxOut, const int8 so, \
                          const int m, SPACE(in), const int8 sxIn, \
                          __global const T* x, const int offX, __global T* out, const int offOut, \
                          const T divisor) { \
    const int o = get_global_id(0); \
    if (o >= outN) return; \
    const int8 c = UNRAVEL(out, o); \
    const int base = offX + dot8(c, sxOut); \
    T acc = ID; \
    for (int j = 0; j < m; j++) { \
        const T v = x[base + dot8(UNRAVEL(in, j), sxIn)]; \
        acc = OP(acc, v); \
    } \
    out[offOut + dot8(c, so)] = acc / divisor; \
} \
/* Group (g, o) combines inputs [g*chunk, min(m, (g+1)*chunk)) of result o; with one group per */ \
/* result it writes the result, otherwise partial[o * groups + g] (divisor 1). */ \
__kernel void groups_##NAME(SPACE(out), const int8 sxOut, const int8 so, \
                            const int m, SPACE(in), const int8 sxIn, \
                            const int chunk, \
                            __global const T* x, const int offX, __global T* out, const int offOut, \
                            const T divisor, __local T* scratch) { \
    const int g = get_group_id(0); \
    const int groups = get_num_groups(0); \
    const int o = get_group_id(1); \
    const int lid = get_local_id(0); \
    const int size = get_local_size(0); \
    const int8 c = UNRAVEL(out, o); \
    const int base = offX + dot8(c, sxOut); \
    const int end = min(m, (g + 1) * chunk); \
    T acc = ID; \
    for (int j = g * chunk + lid; j < end; j += size) { \
        const T v = x[base + dot8(UNRAVEL(in, j), sxIn)]; \
        acc = OP(acc, v); \
    } \
    scratch[lid] = acc; \
    barrier(CLK_LOCAL_MEM_FENCE); \
    for (int s = size / 2; s > 0; s >>= 1) { \
        if (lid < s) { \
            scratch[lid] = OP(scratch[lid], scratch[lid + s]); \
        } \
        barrier(CLK_LOCAL_MEM_FENCE); \
    } \
    if (lid == 0) { \
        if (groups == 1) { \
            out[offOut + dot8(c, so)] = scratch[0] / divisor; \
        } else { \
            out[offOut + o * groups + g] = scratch[0]; \
        } \
    } \
}

REDUCE(sum, SUM_ID, SUM_OP)
REDUCE(prod, PROD_ID, PROD_OP)
REDUCE(max, MAX_ID, MAX_OP)
REDUCE(min, MIN_ID, MIN_OP)

// Index of the first largest element along one axis (m > 0 elements, stride sm), as a long.
__kernel void argmax(const int outN, SPACE(out), const int8 sxOut,
                     const int m, const int sm,
                     __global const T* x, const int offX, __global long* out) {
    const int o = get_global_id(0);
    if (o >= outN) return;
    const int base = offX + dot8(UNRAVEL(out, o), sxOut);
    T best = x[base];
    long arg = 0;
    for (int j = 1; j < m; j++) {
        const T v = x[base + j * sm];
        if (v > best) {
            best = v;
            arg = j;
        }
    }
    out[o] = arg;
}
