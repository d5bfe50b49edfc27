#include "CVectorKernels.h"

#include "CPUFeatures.h"

#include <math.h>
#include <string.h>

// Squares summed in double: a float's square always fits (no overflow for components up to FLT_MAX, no underflow
// to zero for subnormals), so the norm needs no scaling pass as BLAS snrm2 does, and NaN or infinity propagate.
double dict_f32_sum_squares_scalar(const float *values, size_t count) {
    double sum = 0;
    for (size_t i = 0; i < count; i++) sum += (double)values[i] * (double)values[i];
    return sum;
}

// The loader's row step: sum the source's squares (the BLOB in SQLite's page, read once from memory), then write
// the scaled row. Streaming stores skip the read-for-ownership a plain copy pays on each cache line of a matrix
// that is written once and not read again during the load: the copy plus the in-place pass over the copy were
// 45 % of a 1M-row load's row phase.
int dict_f32_normalize_copy_scalar(const void *source, float *destination, size_t count) {
    const unsigned char *bytes = source;
    double sum = 0;
    for (size_t i = 0; i < count; i++) {
        float value;
        memcpy(&value, bytes + 4 * i, 4);
        sum += (double)value * (double)value;
    }
    const float norm = (float)sqrt(sum);
    const float inverse = 1.0f / norm;
    if (!(isfinite(norm) && norm > 0 && isfinite(inverse))) return 0;
    for (size_t i = 0; i < count; i++) {
        float value;
        memcpy(&value, bytes + 4 * i, 4);
        destination[i] = value * inverse;
    }
    return 1;
}

#ifdef DICT_HAVE_X86
__attribute__((target("avx2,fma")))
static double sum_squares_fma(const float *values, size_t count) {
    __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd(), a2 = _mm256_setzero_pd(), a3 = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 16 <= count; i += 16) {
        const __m256d v0 = _mm256_cvtps_pd(_mm_loadu_ps(values + i));
        const __m256d v1 = _mm256_cvtps_pd(_mm_loadu_ps(values + i + 4));
        const __m256d v2 = _mm256_cvtps_pd(_mm_loadu_ps(values + i + 8));
        const __m256d v3 = _mm256_cvtps_pd(_mm_loadu_ps(values + i + 12));
        a0 = _mm256_fmadd_pd(v0, v0, a0);
        a1 = _mm256_fmadd_pd(v1, v1, a1);
        a2 = _mm256_fmadd_pd(v2, v2, a2);
        a3 = _mm256_fmadd_pd(v3, v3, a3);
    }
    double lanes[4];
    _mm256_storeu_pd(lanes, _mm256_add_pd(_mm256_add_pd(a0, a1), _mm256_add_pd(a2, a3)));
    double sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
    for (; i < count; i++) sum += (double)values[i] * (double)values[i];
    return sum;
}

__attribute__((target("avx2,fma")))
static int normalize_copy_avx2(const void *unaligned, float *destination, size_t count) {
    // Only unaligned vector loads and byte copies touch the source, so any BLOB address is fine.
    const float *source = unaligned;
    const float norm = (float)sqrt(sum_squares_fma(source, count));
    const float inverse = 1.0f / norm;
    if (!(isfinite(norm) && norm > 0 && isfinite(inverse))) return 0;
    const __m256 scale = _mm256_set1_ps(inverse);
    size_t i = 0;
    if (((uintptr_t)destination & 31) == 0) {
        for (; i + 8 <= count; i += 8) _mm256_stream_ps(destination + i, _mm256_mul_ps(_mm256_loadu_ps(source + i), scale));
    } else {
        for (; i + 8 <= count; i += 8) _mm256_storeu_ps(destination + i, _mm256_mul_ps(_mm256_loadu_ps(source + i), scale));
    }
    for (; i < count; i++) {
        float value;
        memcpy(&value, (const unsigned char *)unaligned + 4 * i, 4);
        destination[i] = value * inverse;
    }
    return 1;
}
#endif

double dict_f32_sum_squares(const float *values, size_t count) {
#ifdef DICT_HAVE_X86
    if (dict_vectors_cpu_has_avx2_fma()) return sum_squares_fma(values, count);
#endif
    return dict_f32_sum_squares_scalar(values, count);
}

int dict_f32_normalize_copy(const void *source, float *destination, size_t count) {
#ifdef DICT_HAVE_X86
    if (dict_vectors_cpu_has_avx2_fma()) return normalize_copy_avx2(source, destination, count);
#endif
    return dict_f32_normalize_copy_scalar(source, destination, count);
}

void dict_store_fence(void) {
#ifdef DICT_HAVE_X86
    _mm_sfence();
#endif
}
