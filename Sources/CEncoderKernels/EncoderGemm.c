// The encoder's matrix product: c (+)= a · b with b packed once (weights at load, keys and values per head).
//
// Why not OpenBLAS: at one search query (about 13 tokens) OpenBLAS re-packs each whole weight matrix on every
// call, which took half of the encoder's time, and its results for a row depend on how many rows are multiplied
// together. Here the weights are packed at load into the layout the inner kernel reads, and the left-hand rows
// are cut into blocks whose sizes never change the order in which one output element is summed.
//
// Layout of a packed matrix with n columns and depth k: ceil(n / 16) panels, panel p holding columns
// 16p ..< 16p + 16 as k consecutive rows of 16 floats (zero beyond n). One panel is 24 KiB at k = 384: it stays
// in L1 while every left-hand block passes over it.
#include "CEncoderKernels.h"

#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define DICT_X86 1
#endif

enum {
    PANEL = DICT_PANEL_WIDTH,
    /// Rows of the AVX2 kernel's register tile: 6 rows × 16 columns = 12 accumulators of the 16 ymm registers.
    MR = 6,
    /// Left-hand rows packed at a time: 192 × 384 floats (288 KiB) stay in the 512 KiB L2 across all panels.
    MC = 192,
    /// Depth summed per pass over c: one pass for the 384-deep products, four for the 1536-deep one.
    KC = 384,
};

static inline int min_int(int a, int b) { return a < b ? a : b; }

size_t dict_packed_float_count(int n, int k) {
    return (size_t)((n + PANEL - 1) / PANEL) * PANEL * (size_t)k;
}

/// Fills one panel from the `columns` (≤ 16) rows of the original matrix given, zeros beyond: depth-major, so
/// every store is contiguous (the short key matrices of attention are packed once per head).
static void pack_panel(float *panel, const float *const rows[PANEL], int columns, int k) {
    for (int depth = 0; depth < k; depth++) {
        float *target = panel + (size_t)depth * PANEL;
        for (int j = 0; j < columns; j++) target[j] = rows[j][depth];
        for (int j = columns; j < PANEL; j++) target[j] = 0;
    }
}

void dict_pack_row_pointers(const float *const *rows, int n, int k, float *packed) {
    for (int p = 0; p * PANEL < n; p++) {
        pack_panel(packed + (size_t)p * k * PANEL, rows + p * PANEL, min_int(PANEL, n - p * PANEL), k);
    }
}

void dict_pack_nk(const float *w, int n, int k, int ldw, float *packed) {
    const float *rows[PANEL];
    for (int p = 0; p * PANEL < n; p++) {
        int columns = min_int(PANEL, n - p * PANEL);
        for (int j = 0; j < columns; j++) rows[j] = w + (size_t)(p * PANEL + j) * ldw;
        pack_panel(packed + (size_t)p * k * PANEL, rows, columns, k);
    }
}

void dict_pack_kn(const float *b, int k, int n, int ldb, float *packed) {
    int panels = (n + PANEL - 1) / PANEL;
    for (int p = 0; p < panels; p++) {
        float *panel = packed + (size_t)p * k * PANEL;
        int columns = min_int(PANEL, n - p * PANEL);
        for (int depth = 0; depth < k; depth++) {
            float *target = panel + (size_t)depth * PANEL;
            memcpy(target, b + (size_t)depth * ldb + p * PANEL, sizeof(float) * (size_t)columns);
            for (int j = columns; j < PANEL; j++) target[j] = 0;
        }
    }
}

/// Cuts `rows` into ceil(rows / MR) blocks of as equal size as possible (13 → 5, 4, 4): a 4-row block keeps 8
/// accumulators in flight, enough to hide the FMA latency, where a lone remainder row would not.
static int split_rows(int rows, int sizes[]) {
    int blocks = (rows + MR - 1) / MR;
    int base = rows / blocks, extra = rows % blocks;
    for (int block = 0; block < blocks; block++) sizes[block] = base + (block < extra ? 1 : 0);
    return blocks;
}

/// A register tile's work: `c = addend + left · right` over one panel (`addend` NULL: nothing added; it is c itself
/// when accumulating, or the bias row with stride 0).
typedef void (*TileFunction)(int kc, const float *left, int lda, const float *right, float *c, int ldc, int columns,
                             const float *addend, int ld_addend, const float *prefetch, int lines);

/// Panel rows to prefetch: `count` rows of 16 floats from `rows`, all inside one packed matrix.
typedef struct PrefetchTarget {
    const float *rows;
    int count;
} PrefetchTarget;

/// Where the blocks multiplying panel p of the depth pass starting at `pc` send their prefetches: the panel two
/// ahead in the order the products read panels. That is this pass's panel p + 2, else one of the next pass's first
/// two panels, else one of the first two panels of `following` (the caller's next matrix, `following_panels`
/// panels of depth `following_k`). With nothing ahead it is panel p itself, already in L1, so the requests cost
/// nothing (re-reading this product's first panel would only evict what is in use). Two panels ahead measured 7 %
/// faster than one at 13 rows: memory latency is covered better. `count` is the rows that panel has from there.
static PrefetchTarget prefetch_target(const float *packed, int panels, int k, int pc, int p, const float *following,
                                      int following_panels, int following_k) {
    int ahead = p + 2 - panels;
    if (ahead < 0) return (PrefetchTarget){packed + ((size_t)(p + 2) * k + pc) * PANEL, k - pc};
    if (pc + KC < k && ahead < panels) return (PrefetchTarget){packed + ((size_t)ahead * k + pc + KC) * PANEL, k - pc - KC};
    if (pc + KC >= k && following && ahead < following_panels) {
        return (PrefetchTarget){following + (size_t)ahead * following_k * PANEL, following_k};
    }
    return (PrefetchTarget){packed + ((size_t)p * k + pc) * PANEL, k - pc};
}

/// The blocking shared by both kernel sets: depth in passes of KC, rows in blocks of MC, then every panel,
/// then every row block of at most MR rows through `tiles[rows]` (`streaming[rows]` when the product has so few
/// rows that its weights stream from memory). The blocks share out the first `kc` rows of `prefetch_target`
/// (fewer when it has fewer), so no request reaches past the end of a matrix.
static void gemm_blocked(const TileFunction tiles[], const TileFunction streaming[], int streaming_max_blocks, int m, int n,
                         int k, const float *a, int lda, const float *packed, float *c, int ldc, bool accumulate,
                         const float *bias, const float *following, int following_n, int following_k) {
    int panels = (n + PANEL - 1) / PANEL;
    int following_panels = following && following_k > 0 ? (following_n + PANEL - 1) / PANEL : 0;
    int sizes[MC / MR];
    for (int pc = 0; pc < k; pc += KC) {
        int kc = min_int(KC, k - pc);
        bool add = accumulate || pc > 0;
        // Later depth passes add to what the earlier ones stored; the first adds the bias, if any.
        const float *base = add ? c : bias;
        int ld_base = add ? ldc : 0;
        for (int ic = 0; ic < m; ic += MC) {
            int blocks = split_rows(min_int(MC, m - ic), sizes);
            const TileFunction *table = blocks <= streaming_max_blocks ? streaming : tiles;
            for (int p = 0; p < panels; p++) {
                const float *b = packed + ((size_t)p * k + pc) * PANEL;
                PrefetchTarget target = prefetch_target(packed, panels, k, pc, p, following, following_panels, following_k);
                int reach = min_int(kc, target.count);
                int lines = (reach + blocks - 1) / blocks;
                int columns = min_int(PANEL, n - p * PANEL);
                int row = ic;
                for (int block = 0; block < blocks; block++) {
                    // The last blocks may find nothing left to request: they re-request their own panel's first row.
                    int first = block * lines, count = min_int(lines, reach - first);
                    const float *prefetch = count > 0 ? target.rows + (size_t)first * PANEL : b;
                    const float *addend = base ? base + (size_t)row * ld_base + p * PANEL : NULL;
                    table[sizes[block]](kc, a + (size_t)row * lda + pc, lda, b, c + (size_t)row * ldc + p * PANEL, ldc,
                                        columns, addend, ld_base, prefetch, count > 0 ? count : 1);
                    row += sizes[block];
                }
            }
        }
    }
}

/// Writes a finished `rows × 16` tile of sums into c (plus `addend`'s rows when given), only its first `columns`
/// columns.
static inline __attribute__((always_inline)) void
store_tile(const int rows, float sums[MR][PANEL], float *c, int ldc, int columns, const float *addend, int ld_addend) {
    for (int r = 0; r < rows; r++) {
        float *target = c + (size_t)r * ldc;
        const float *base = addend + (size_t)r * ld_addend;
        for (int j = 0; j < columns; j++) target[j] = addend ? base[j] + sums[r][j] : sums[r][j];
    }
}

// MARK: portable

/// Plain C over the same packed layout; compilers vectorize the 16-wide inner loop for SSE2 or NEON. Sums in the
/// same order as the AVX2 tile, without fused multiply-adds.
static inline __attribute__((always_inline)) void
tile_portable(const int rows, int kc, const float *left, int lda, const float *right, float *c, int ldc, int columns,
              const float *addend, int ld_addend) {
    float sums[MR][PANEL];
    memset(sums, 0, sizeof sums);
    for (int d = 0; d < kc; d++) {
        const float *values = right + (size_t)d * PANEL;
        for (int r = 0; r < rows; r++) {
            float x = left[(size_t)r * lda + d];
            for (int j = 0; j < PANEL; j++) sums[r][j] += x * values[j];
        }
    }
    store_tile(rows, sums, c, ldc, columns, addend, ld_addend);
}

#define PORTABLE_TILE(ROWS)                                                                                            \
    static void portable_tile_##ROWS(int kc, const float *left, int lda, const float *right, float *c, int ldc,        \
                                     int columns, const float *addend, int ld_addend, const float *prefetch,           \
                                     int lines) {                                                                      \
        (void)prefetch;                                                                                                \
        (void)lines;                                                                                                   \
        tile_portable(ROWS, kc, left, lda, right, c, ldc, columns, addend, ld_addend);                                 \
    }
PORTABLE_TILE(1)
PORTABLE_TILE(2)
PORTABLE_TILE(3)
PORTABLE_TILE(4)
PORTABLE_TILE(5)
PORTABLE_TILE(6)

static const TileFunction portable_tiles[MR + 1] = {
    NULL, portable_tile_1, portable_tile_2, portable_tile_3, portable_tile_4, portable_tile_5, portable_tile_6,
};

// MARK: AVX2

#ifdef DICT_X86
#define AVX2 __attribute__((target("avx2,fma")))

/// The register tile: `rows` (1...6, a constant after inlining) × 16 columns over depth `kc`. `left` is a packed
/// block (`[kc][MR]`), `right` one panel's rows. With `stream` (a constant too) it prefetches `lines` 64-byte
/// rows of a later panel, spread evenly over its iterations: when only a few rows are multiplied (one search
/// query) the weights stream from memory, and spreading the requests over every block keeps memory busy while
/// the later blocks compute from L1. With many rows the panel is reused from cache and the prefetches only
/// crowd L1 (measured slower, also into L2 only), so large products do without.
AVX2 static inline __attribute__((always_inline)) void
tile_avx2(const int rows, const bool stream, int kc, const float *left, int lda, const float *right, float *c, int ldc,
          int columns, const float *addend, int ld_addend, const float *prefetch, int lines) {
    __m256 sum[MR][2];
    for (int r = 0; r < MR; r++) sum[r][0] = sum[r][1] = _mm256_setzero_ps();
    // The c rows are read at the end; on a large product they are out of cache, and waiting for them then cost a
    // quarter of the time. Requested now, they arrive while the loop runs.
    for (int r = 0; r < rows; r++) {
        _mm_prefetch((const char *)(c + (size_t)r * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + (size_t)r * ldc + PANEL - 1), _MM_HINT_T0);
    }
    // Fixed point 16.16: the row of the prefetched panel to request at iteration d is (d · lines / kc).
    uint32_t step = (uint32_t)(((uint64_t)lines << 16) / (uint64_t)kc);
    for (int d = 0; d < kc; d++) {
        if (stream) _mm_prefetch((const char *)(prefetch + (size_t)(((uint32_t)d * step) >> 16) * PANEL), _MM_HINT_T0);
        __m256 b0 = _mm256_loadu_ps(right + (size_t)d * PANEL), b1 = _mm256_loadu_ps(right + (size_t)d * PANEL + 8);
        for (int r = 0; r < rows; r++) {
            __m256 broadcast = _mm256_broadcast_ss(left + (size_t)r * lda + d);
            sum[r][0] = _mm256_fmadd_ps(broadcast, b0, sum[r][0]);
            sum[r][1] = _mm256_fmadd_ps(broadcast, b1, sum[r][1]);
        }
    }
    if (columns == PANEL) {
        for (int r = 0; r < rows; r++) {
            float *target = c + (size_t)r * ldc;
            if (addend) {
                const float *base = addend + (size_t)r * ld_addend;
                sum[r][0] = _mm256_add_ps(_mm256_loadu_ps(base), sum[r][0]);
                sum[r][1] = _mm256_add_ps(_mm256_loadu_ps(base + 8), sum[r][1]);
            }
            _mm256_storeu_ps(target, sum[r][0]);
            _mm256_storeu_ps(target + 8, sum[r][1]);
        }
    } else {
        float sums[MR][PANEL];
        for (int r = 0; r < rows; r++) {
            _mm256_storeu_ps(sums[r], sum[r][0]);
            _mm256_storeu_ps(sums[r] + 8, sum[r][1]);
        }
        store_tile(rows, sums, c, ldc, columns, addend, ld_addend);
    }
}

#define TILE(ROWS, STREAM, NAME)                                                                                    \
    AVX2 static void NAME(int kc, const float *left, int lda, const float *right, float *c, int ldc, int columns,    \
                          const float *addend, int ld_addend, const float *prefetch, int lines) {                    \
        tile_avx2(ROWS, STREAM, kc, left, lda, right, c, ldc, columns, addend, ld_addend, prefetch, lines);          \
    }
TILE(1, false, tile_1)
TILE(2, false, tile_2)
TILE(3, false, tile_3)
TILE(4, false, tile_4)
TILE(5, false, tile_5)
TILE(6, false, tile_6)
TILE(1, true, streaming_tile_1)
TILE(2, true, streaming_tile_2)
TILE(3, true, streaming_tile_3)
TILE(4, true, streaming_tile_4)
TILE(5, true, streaming_tile_5)
TILE(6, true, streaming_tile_6)

static const TileFunction tiles[MR + 1] = {NULL, tile_1, tile_2, tile_3, tile_4, tile_5, tile_6};
static const TileFunction streaming_tiles[MR + 1] = {
    NULL, streaming_tile_1, streaming_tile_2, streaming_tile_3, streaming_tile_4, streaming_tile_5, streaming_tile_6,
};

/// Products with at most this many row blocks stream their weights (see `tile_avx2`): up to 24 rows.
static const int streaming_max_blocks = 4;
#endif

void dict_gemm_packed(DictKernelSet set, int m, int n, int k, const float *a, int lda, const float *packed,
                      float *c, int ldc, bool accumulate, const float *bias, const float *following, int following_n,
                      int following_k) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0) {
        if (!accumulate) {
            for (int row = 0; row < m; row++) {
                if (bias) memcpy(c + (size_t)row * ldc, bias, sizeof(float) * (size_t)n);
                else memset(c + (size_t)row * ldc, 0, sizeof(float) * (size_t)n);
            }
        }
        return;
    }
#ifdef DICT_X86
    if (set == DICT_KERNELS_AVX2) {
        gemm_blocked(tiles, streaming_tiles, streaming_max_blocks, m, n, k, a, lda, packed, c, ldc, accumulate, bias,
                     following, following_n, following_k);
        return;
    }
#endif
    gemm_blocked(portable_tiles, portable_tiles, 0, m, n, k, a, lda, packed, c, ldc, accumulate, bias, following,
                 following_n, following_k);
}
