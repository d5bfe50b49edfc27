#include "CVectorKernels.h"

#include "CPUFeatures.h"

// Squares summed in double: a float's square always fits (no overflow for components up to FLT_MAX, no underflow
// to zero for subnormals), so the norm needs no scaling pass as BLAS snrm2 does, and NaN or infinity propagate.
double dict_f32_sum_squares_scalar(const float *values, size_t count) {
    double sum = 0;
    for (size_t i = 0; i < count; i++) sum += (double)values[i] * (double)values[i];
    return sum;
}

#ifdef DICT_HAVE_X86
__attribute__((target("avx2")))
static double sum_squares_avx2(const float *values, size_t count) {
    __m256d a0 = _mm256_setzero_pd(), a1 = _mm256_setzero_pd();
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        const __m256d low = _mm256_cvtps_pd(_mm_loadu_ps(values + i));
        const __m256d high = _mm256_cvtps_pd(_mm_loadu_ps(values + i + 4));
        a0 = _mm256_add_pd(a0, _mm256_mul_pd(low, low));
        a1 = _mm256_add_pd(a1, _mm256_mul_pd(high, high));
    }
    double lanes[4];
    _mm256_storeu_pd(lanes, _mm256_add_pd(a0, a1));
    double sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
    for (; i < count; i++) sum += (double)values[i] * (double)values[i];
    return sum;
}
#endif

double dict_f32_sum_squares(const float *values, size_t count) {
#ifdef DICT_HAVE_X86
    if (dict_cpu_has_avx2()) return sum_squares_avx2(values, count);
#endif
    return dict_f32_sum_squares_scalar(values, count);
}
