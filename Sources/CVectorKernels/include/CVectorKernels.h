#ifndef DICT_C_VECTOR_KERNELS_H
#define DICT_C_VECTOR_KERNELS_H
// Hot loops of the int8 vector scan that Swift's baseline x86-64 code generation cannot reach: AVX2 byte
// multiply-adds and float rounding (no SSE4.1 `roundps` in baseline x86-64: Swift's `rounded()` is a libm call per
// value), chosen at run time by CPU detection, with a portable scalar loop beside each (and tested against it).

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Dot products of `count` int8 rows (row-major, `dimension` bytes each, rows contiguous) with one int8 query:
/// `out[i] = Σ rows[i·dimension + j] · query[j]`. Row values must lie in −127…127 (never −128), query values in
/// −63…63 (the AVX2 path's 16-bit pair sums stay exact only then). Uses AVX2 when the CPU has it, the scalar loop
/// otherwise; both give the exact sum.
void dict_i8_dot_rows(const int8_t *rows, size_t count, size_t dimension, const int8_t *query, int32_t *out);

/// The same computation with the portable scalar loop only (the reference the tests compare against).
void dict_i8_dot_rows_scalar(const int8_t *rows, size_t count, size_t dimension, const int8_t *query, int32_t *out);

/// The largest |value| of `count` floats (0 for none). AVX2 when the CPU has it.
float dict_f32_max_abs(const float *values, size_t count);
float dict_f32_max_abs_scalar(const float *values, size_t count);

/// `out[i] = Σ_j rows[i·dimension + j] · query[j]` for `count` row-major float rows: the exact scan's dot products.
/// AVX2 with FMA (one sequential stream per row, four accumulators) when the CPU has both.
void dict_f32_dot_rows(const float *rows, size_t count, size_t dimension, const float *query, float *out);
void dict_f32_dot_rows_scalar(const float *rows, size_t count, size_t dimension, const float *query, float *out);

/// Σ values[i]² in double (exact enough for any float vector: no overflow, no underflow to zero; NaN and infinity
/// propagate). AVX2 when the CPU has it.
double dict_f32_sum_squares(const float *values, size_t count);
double dict_f32_sum_squares_scalar(const float *values, size_t count);

/// Writes the `count` floats at `source` (any alignment) scaled to unit length into `destination` (not overlapping)
/// and returns 1, or returns 0
/// and writes nothing when the norm is zero, not finite or has no finite reciprocal. The squares are summed in
/// double as in `dict_f32_sum_squares`. A 32-byte-aligned destination is written with streaming stores: call
/// `dict_store_fence` before another thread reads what was written.
int dict_f32_normalize_copy(const void *source, float *destination, size_t count);
int dict_f32_normalize_copy_scalar(const void *source, float *destination, size_t count);
/// Orders earlier streaming stores before later stores (x86 `sfence`; nothing elsewhere).
void dict_store_fence(void);

/// `out[i] = clamp(round(values[i] · factor), −127, 127)` with C's `roundf` (half away from zero), computed exactly
/// the same way by the AVX2 and the scalar path.
void dict_i8_quantize(const float *values, size_t count, float factor, int8_t *out);
void dict_i8_quantize_scalar(const float *values, size_t count, float factor, int8_t *out);

/// The kernel `dict_i8_dot_rows` uses on this CPU: "avx2" or "scalar".
const char *dict_i8_kernel_name(void);

#ifdef __cplusplus
}
#endif

#endif
