// gemm.cl: batched matrix product C[b] = A[b] * B[b], with local-memory tiles and register blocking.
//
// Options: -DT (element type), tile sizes -DTSM, -DTSN, -DTSK (the M x N block of C one work-group
// computes and the depth of each step along K), -DWPTM, -DWPTN (the WPTM x WPTN outputs each
// work-item keeps in registers). The Java side picks them from the device's local memory and
// work-group limits at run time. A work-group is RTSN x RTSM work-items.
//
// A and B are strided: element (i, k) of A[b] is at offA + bA + i*rsA + k*csA, so transposes and
// permuted views are just other strides (no copies). Batch b is unravelled over batchDims (as
// in common.cl) into per-operand offsets bA, bB, bC; a broadcast operand has batch stride 0.
// C is dense per batch: row stride ldc, column stride 1.
//
// Each step along K, the group copies a TSM x TSK block of A and a TSK x TSN block of B into
// local memory (reading along whichever axis is contiguous in global memory, so reads coalesce),
// then each work-item multiplies its WPTM values of A by its WPTN values of B from local memory
// into its accumulators: WPTM*WPTN multiply-adds per WPTM+WPTN local reads.

#define RTSM (TSM / WPTM)
#define RTSN (TSN / WPTN)
#define THREADS (RTSM * RTSN)
// One column of padding moves consecutive rows of a tile to different local memory banks.
#define PAD 1

__kernel __attribute__((reqd_work_group_size(RTSN, RTSM, 1)))
void gemm(const int M, const int N, const int K,
          __global const T* A, const int offA, const int rsA, const int csA,
          __global const T* B, const int offB, const int rsB, const int csB,
          __global T* C, const int offC, const int ldc,
          SPACE(batch), const int8 bsA, const int8 bsB, const int8 bsC) {
    const int tn = get_local_id(0);
    const int tm = get_local_id(1);
    const int tid = tm * RTSN + tn;
    const int n0 = get_group_id(0) * TSN;
    const int m0 = get_group_id(1) * TSM;
    const int8 bc = UNRAVEL(batch, get_group_id(2));
    A += offA + dot8(bc, bsA);
    B += offB + dot8(bc, bsB);
    C += offC + dot8(bc, bsC);

    __local T Asub[TSK][TSM + PAD];
    __local T Bsub[TSK][TSN + PAD];

    T acc[WPTM][WPTN];
    #pragma unroll
    for (int r = 0; r < WPTM; r++) {
        #pragma unroll
        for (int c = 0; c < WPTN; c++) {
            acc[r][c] = (T) 0;
        }
    }

    // Read A along M when its rows are the contiguous axis (a transposed operand), else along K;
    // B along N when its columns are contiguous, else along K.
    const bool aAlongM = rsA == 1 && csA != 1;
    const bool bAlongN = csB == 1 || rsB != 1;
    const bool fullMN = m0 + TSM <= M && n0 + TSN <= N;

    for (int k0 = 0; k0 < K; k0 += TSK) {
        const bool full = fullMN && k0 + TSK <= K;
        for (int l = tid; l < TSM * TSK; l += THREADS) {
            const int mm = aAlongM ? l % TSM : l / TSK;
            const int kk = aAlongM ? l / TSM : l % TSK;
            const int gm = m0 + mm;
            const int gk = k0 + kk;
            Asub[kk][mm] = (full || (gm < M && gk < K)) ? A[gm * rsA + gk * csA] : (T) 0;
        }
        for (int l = tid; l < TSK * TSN; l += THREADS) {
            const int nn = bAlongN ? l % TSN : l / TSK;
            const int kk = bAlongN ? l / TSN : l % TSK;
            const int gn = n0 + nn;
            const int gk = k0 + kk;
            Bsub[kk][nn] = (full || (gn < N && gk < K)) ? B[gk * rsB + gn * csB] : (T) 0;
        }
        barrier(CLK_LOCAL_MEM_FENCE);

        #pragma unroll
        for (int k = 0; k < TSK; k++) {
            T a[WPTM];
            T b[WPTN];
            #pragma unroll
            for (int r = 0; r < WPTM; r++) {
                a[r] = Asub[k][tm + r * RTSM];
            }
            #pragma unroll
            for (int c = 0; c < WPTN; c++) {
                b[c] = Bsub[k][tn + c * RTSN];
            }
            #pragma unroll
            for (int r = 0; r < WPTM; r++) {
                #pragma unroll
                for (int c = 0; c < WPTN; c++) {
                    acc[r][c] += a[r] * b[c];
                }
            }
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }

    // Work-item (tm, tn) owns rows tm + r*RTSM and columns tn + c*RTSN: neighbouring work-items
    // write neighbouring columns, so the stores coalesce.
    #pragma unroll
    for (int r = 0; r < WPTM; r++) {
        const int gm = m0 + tm + r * RTSM;
        #pragma unroll
        for (int c = 0; c < WPTN; c++) {
            const int gn = n0 + tn + c * RTSN;
            if (gm < M && gn < N) {
                C[gm * ldc + gn] = acc[r][c];
            }
        }
    }
}
