#include "CVectorKernels.h"

#include "CPUFeatures.h"

void dict_i8_dot_rows_scalar(const int8_t *rows, size_t count, size_t dimension, const int8_t *query, int32_t *out) {
    for (size_t i = 0; i < count; i++) {
        const int8_t *row = rows + i * dimension;
        int32_t sum = 0;
        for (size_t j = 0; j < dimension; j++) sum += (int32_t)row[j] * (int32_t)query[j];
        out[i] = sum;
    }
}

#ifdef DICT_HAVE_X86
// 32 byte pairs per step as unsigned × signed bytes (vpmaddubsw) with no sign fix-ups: each row byte r is read as
// r + 128 (one xor), so a pair sums at most 2·255·63 = 32130 < 32767 (no 16-bit saturation, which is why queries are
// held to −63…63), then pairs of 16-bit sums go into 32 bits; 128·Σq is subtracted once per row. Three multiply-add
// steps per 32 bytes where |q|·sign(r, q) took five.
__attribute__((target("avx2")))
static void dot_rows_avx2(const int8_t *rows, size_t count, size_t dimension, const int8_t *query, int32_t *out) {
    const __m256i ones = _mm256_set1_epi16(1);
    const __m256i bias = _mm256_set1_epi8((char)0x80);
    const size_t vectorEnd = dimension & ~(size_t)31;
    int32_t querySum = 0;
    for (size_t j = 0; j < vectorEnd; j++) querySum += query[j];
    const int32_t correction = 128 * querySum;
    for (size_t i = 0; i < count; i++) {
        const int8_t *row = rows + i * dimension;
        __m256i sum = _mm256_setzero_si256();
        for (size_t j = 0; j < vectorEnd; j += 32) {
            const __m256i q = _mm256_loadu_si256((const __m256i *)(query + j));
            const __m256i r = _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(row + j)), bias);
            sum = _mm256_add_epi32(sum, _mm256_madd_epi16(_mm256_maddubs_epi16(r, q), ones));
        }
        __m128i half = _mm_add_epi32(_mm256_castsi256_si128(sum), _mm256_extracti128_si256(sum, 1));
        half = _mm_add_epi32(half, _mm_shuffle_epi32(half, _MM_SHUFFLE(1, 0, 3, 2)));
        half = _mm_add_epi32(half, _mm_shuffle_epi32(half, _MM_SHUFFLE(2, 3, 0, 1)));
        int32_t total = _mm_cvtsi128_si32(half) - correction;
        for (size_t j = vectorEnd; j < dimension; j++) total += (int32_t)row[j] * (int32_t)query[j];
        out[i] = total;
    }
}

#endif

void dict_i8_dot_rows(const int8_t *rows, size_t count, size_t dimension, const int8_t *query, int32_t *out) {
#ifdef DICT_HAVE_X86
    if (dict_cpu_has_avx2()) {
        dot_rows_avx2(rows, count, dimension, query, out);
        return;
    }
#endif
    dict_i8_dot_rows_scalar(rows, count, dimension, query, out);
}

const char *dict_i8_kernel_name(void) {
#ifdef DICT_HAVE_X86
    if (dict_cpu_has_avx2()) return "avx2";
#endif
    return "scalar";
}
