#ifndef C_ENCODER_KERNELS_H
#define C_ENCODER_KERNELS_H
// The BERT encoder's numeric kernels: a matrix product over weights packed once at load, attention, GELU,
// LayerNorm and softmax. Each comes in two implementations with the same results up to float rounding:
// AVX2+FMA (x86-64 CPUs since 2013, chosen at run time) and portable C. Swift cannot express the AVX2 ones
// (the package is compiled for baseline x86-64, and Swift has no per-function target attribute), hence C.
#include <stdbool.h>
#include <stddef.h>

/// Output columns per packed panel: a packed matrix holds 16 columns at a time, each panel k-major.
#define DICT_PANEL_WIDTH 16

/// Which implementation a call runs. `DICT_KERNELS_AVX2` requires `dict_cpu_has_avx2_fma()`.
typedef enum DictKernelSet {
    DICT_KERNELS_PORTABLE = 0,
    DICT_KERNELS_AVX2 = 1,
} DictKernelSet;

/// Whether this CPU (and OS) runs AVX2 and FMA instructions.
bool dict_cpu_has_avx2_fma(void);

/// Floats a packed `n`-column, `k`-deep matrix occupies (`n` rounded up to whole panels, times `k`).
size_t dict_packed_float_count(int n, int k);

/// Packs `w`, an `n × k` row-major matrix with row stride `ldw` (PyTorch's `[out, in]` linear weight), as the
/// right-hand factor `wᵀ` of `dict_gemm_packed`. `packed` holds `dict_packed_float_count(n, k)` floats.
void dict_pack_nk(const float *w, int n, int k, int ldw, float *packed);

/// Packs the `n × k` matrix whose row j starts at `rows[j]` (so stacked weights need no intermediate copy),
/// as `dict_pack_nk` would pack it.
void dict_pack_row_pointers(const float *const *rows, int n, int k, float *packed);

/// Packs `b`, a `k × n` row-major matrix with row stride `ldb`, as the right-hand factor of `dict_gemm_packed`.
void dict_pack_kn(const float *b, int k, int n, int ldb, float *packed);

/// `c = a · b` (`c = bias + a · b` with a `bias` of `n` floats for every row, or `c += a · b` when `accumulate`,
/// which ignores `bias`): `a` is `m × k` row-major with row stride `lda`, `b` was
/// packed by `dict_pack_nk`/`dict_pack_kn` with the same `n` and `k`, `c` is `m × n` with row stride `ldc`.
/// Every element is summed over `k` in the same order whatever `m`, so a row's result does not depend on the
/// other rows computed with it. `following` (or NULL) is the packed matrix, `following_n` columns and
/// `following_k` deep, that the caller multiplies next: when `m` is small enough for the weights to stream from
/// memory, its first panels are prefetched while this product ends. It only moves data into cache, never
/// changes a result. `a` is read in place: each broadcast value is one load wherever it lies, so copying blocks
/// of it into a contiguous workspace only cost time (5 % of `dict embed`).
void dict_gemm_packed(DictKernelSet set, int m, int n, int k, const float *a, int lda, const float *packed,
                      float *c, int ldc, bool accumulate, const float *bias, const float *following, int following_n,
                      int following_k);

/// Floats of the workspace `dict_attention` needs for sequences of up to `longest` tokens.
size_t dict_attention_workspace_float_count(int longest, int head_size);

/// Scaled dot-product attention of one sequence of `length` tokens, every head: row t of `qkv` (stride
/// `qkv_stride`) holds the token's queries, keys and values, each `heads × head_size` wide, and row t of
/// `context` (stride `context_stride`) receives `softmax(q·kᵀ / √head_size) · v`, head after head.
void dict_attention(DictKernelSet set, int length, int heads, int head_size, const float *qkv, int qkv_stride,
                    float *context, int context_stride, float *workspace);

/// Exact-erf GELU in place, `x · Φ(x)`, with erf as a rational approximation (absolute error ≤ 5e-7).
void dict_gelu(DictKernelSet set, float *values, size_t count);

/// LayerNorm of each `width`-long row in place: `(x − mean) / √(variance + epsilon) · scale + shift`, with the
/// biased variance as PyTorch computes it.
void dict_layer_norm(DictKernelSet set, float *matrix, int rows, int width, const float *scale,
                     const float *shift, float epsilon);

/// Softmax of `scale · x` over each row's first `width` values in place (rows `ld` apart), max-subtracted.
void dict_softmax_rows(DictKernelSet set, float *matrix, int rows, int width, int ld, float scale);

/// GFLOP/s of this core's fused multiply-add units on register-only work (AVX2 if present): the ceiling no
/// matrix product can pass. Runs for about `seconds`.
double dict_fma_peak_gflops(double seconds);

#endif
