// random.cl: counter-based random numbers (Philox 4x32-10, Salmon et al., "Parallel random
// numbers: as easy as 1, 2, 3", SC 2011). Output block b (4 floats or 2 doubles) is a pure
// function of (seed, distribution, b), so a stream is reproducible and independent of how the
// work is split into work-groups. Options: -DT [-DT_FLOAT] [-DUSE_FP64].

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

inline uint4 philox_round(const uint4 c, const uint2 k) {
    const uint hi0 = mul_hi(PHILOX_M0, c.x);
    const uint lo0 = PHILOX_M0 * c.x;
    const uint hi1 = mul_hi(PHILOX_M1, c.z);
    const uint lo1 = PHILOX_M1 * c.z;
    return (uint4)(hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0);
}

// Ten rounds, the key bumped by the Weyl constants between rounds.
inline uint4 philox4x32_10(uint4 c, uint2 k) {
    c = philox_round(c, k);
    for (int r = 1; r < 10; r++) {
        k += (uint2)(PHILOX_W0, PHILOX_W1);
        c = philox_round(c, k);
    }
    return c;
}

// The raw generator, for known-answer tests.
__kernel void philox_raw(const uint4 counter, const uint2 key, __global uint* out) {
    const uint4 r = philox4x32_10(counter, key);
    out[0] = r.x;
    out[1] = r.y;
    out[2] = r.z;
    out[3] = r.w;
}

// Distributions of one seed draw from different streams (the counter's third word).
#define STREAM_UNIFORM 1u
#define STREAM_NORMAL 2u
#define STREAM_LAPLACE 3u
#define STREAM_BERNOULLI 4u

inline uint4 block(const int b, const uint stream, const uint2 key) {
    return philox4x32_10((uint4)((uint) b, 0u, stream, 0u), key);
}

#ifdef T_DOUBLE
// double: 2 values per block, 53 random bits each from two words.
#define PER_BLOCK 2
inline ulong bits(const uint4 r, const int e) {
    return ((e == 0 ? ((ulong) r.x << 32) | r.y : ((ulong) r.z << 32) | r.w)) >> 11;
}
#define SCALE 0x1.0p-53
#else
// float: 4 values per block, 24 random bits each.
#define PER_BLOCK 4
inline uint bits(const uint4 r, const int e) {
    return (e == 0 ? r.x : e == 1 ? r.y : e == 2 ? r.z : r.w) >> 8;
}
#define SCALE 0x1.0p-24f
#endif

// Value e of block r, uniform on [0, 1).
inline T unit(const uint4 r, const int e) {
    return (T) bits(r, e) * SCALE;
}

// Value e of block r, uniform on (0, 1].
inline T open_unit(const uint4 r, const int e) {
    return ((T) bits(r, e) + (T) 1) * SCALE;
}

// Uniform on [lo, hi): a value rounded up to hi is moved back below it.
__kernel void uniform(const int n, const uint2 key, const T lo, const T hi, __global T* out) {
    const int b = get_global_id(0);
    if (b * PER_BLOCK >= n) return;
    const uint4 r = block(b, STREAM_UNIFORM, key);
    const T top = lo < hi ? nextafter(hi, lo) : hi;
    for (int e = 0; e < PER_BLOCK && b * PER_BLOCK + e < n; e++) {
        const T v = lo + (hi - lo) * unit(r, e);
        out[b * PER_BLOCK + e] = v >= hi ? top : v;
    }
}

// Bernoulli(p): 1 where a uniform draw on [0, 1) is below p.
__kernel void bernoulli(const int n, const uint2 key, const T p, __global T* out) {
    const int b = get_global_id(0);
    if (b * PER_BLOCK >= n) return;
    const uint4 r = block(b, STREAM_BERNOULLI, key);
    for (int e = 0; e < PER_BLOCK && b * PER_BLOCK + e < n; e++) {
        out[b * PER_BLOCK + e] = unit(r, e) < p ? (T) 1 : (T) 0;
    }
}

// Laplace(loc, scale) by inverse CDF: loc - scale * sign(u) * log(1 - 2|u|) with u uniform on
// (-1/2, 1/2]; 1 - 2|u| >= the resolution of the draw, so the logarithm stays finite.
__kernel void laplace(const int n, const uint2 key, const T loc, const T scale, __global T* out) {
    const int b = get_global_id(0);
    if (b * PER_BLOCK >= n) return;
    const uint4 r = block(b, STREAM_LAPLACE, key);
    for (int e = 0; e < PER_BLOCK && b * PER_BLOCK + e < n; e++) {
        const T u = open_unit(r, e) - (T) 0.5;
        const T mag = -log(max((T) 1 - (T) 2 * fabs(u), SCALE));
        out[b * PER_BLOCK + e] = loc + scale * copysign(mag, u);
    }
}

// Normal(mean, std) by Box-Muller: values (e, e + 1) of a block, u1 in (0, 1] and u2 in [0, 1),
// give r cos(2 pi u2) and r sin(2 pi u2) with r = sqrt(-2 log u1).
__kernel void normal(const int n, const uint2 key, const T mean, const T std, __global T* out) {
    const int b = get_global_id(0);
    if (b * PER_BLOCK >= n) return;
    const uint4 r = block(b, STREAM_NORMAL, key);
    for (int e = 0; e < PER_BLOCK; e += 2) {
        const T rad = sqrt((T) -2 * log(open_unit(r, e)));
        const T turn = (T) 2 * unit(r, e + 1);
        const int i = b * PER_BLOCK + e;
        if (i < n) out[i] = mean + std * rad * cospi(turn);
        if (i + 1 < n) out[i + 1] = mean + std * rad * sinpi(turn);
    }
}
