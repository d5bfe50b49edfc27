#ifndef DICT_C_VECTOR_KERNELS_H
#define DICT_C_VECTOR_KERNELS_H
// Hot loops of the int8 vector scan that Swift's baseline x86-64 code generation cannot reach: AVX2 byte
// multiply-adds, chosen at run time by CPU detection, with a portable scalar loop beside them (and tested against it).

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Dot products of `count` int8 rows (row-major, `dimension` bytes each, rows contiguous) with one int8 query:
/// `out[i] = Σ rows[i·dimension + j] · query[j]`. Values must lie in −127…127 (never −128). Uses AVX2 when the CPU
/// has it, the scalar loop otherwise.
void dict_i8_dot_rows(const int8_t *rows, size_t count, size_t dimension, const int8_t *query, int32_t *out);

/// The same computation with the portable scalar loop only (the reference the tests compare against).
void dict_i8_dot_rows_scalar(const int8_t *rows, size_t count, size_t dimension, const int8_t *query, int32_t *out);

/// The kernel `dict_i8_dot_rows` uses on this CPU: "avx2" or "scalar".
const char *dict_i8_kernel_name(void);

#ifdef __cplusplus
}
#endif

#endif
