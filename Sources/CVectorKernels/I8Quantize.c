#include "CVectorKernels.h"
#include <math.h>

#include "CPUFeatures.h"

// Round half away from zero (C's roundf), written as trunc plus a step so that it vectorizes: v − trunc(v) is exact
// for |v| < 2^23, so the comparison with 0.5 decides exactly as roundf does.
static inline float round_away(float v) {
    float t = truncf(v);
    if (fabsf(v - t) >= 0.5f) t += copysignf(1.0f, v);
    return t;
}

float dict_f32_max_abs_scalar(const float *values, size_t count) {
    float best = 0;
    for (size_t i = 0; i < count; i++) {
        float a = fabsf(values[i]);
        if (a > best) best = a;
    }
    return best;
}

void dict_i8_quantize_scalar(const float *values, size_t count, float factor, int8_t *out) {
    for (size_t i = 0; i < count; i++) {
        float t = round_away(values[i] * factor);
        if (t > 127) t = 127;
        if (t < -127) t = -127;
        out[i] = (int8_t)t;
    }
}

#ifdef DICT_HAVE_X86
__attribute__((target("avx2")))
static float max_abs_avx2(const float *values, size_t count) {
    const __m256 sign = _mm256_set1_ps(-0.0f);
    __m256 best = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 8 <= count; i += 8) best = _mm256_max_ps(best, _mm256_andnot_ps(sign, _mm256_loadu_ps(values + i)));
    float lanes[8];
    _mm256_storeu_ps(lanes, best);
    float result = 0;
    for (int lane = 0; lane < 8; lane++) if (lanes[lane] > result) result = lanes[lane];
    for (; i < count; i++) {
        float a = fabsf(values[i]);
        if (a > result) result = a;
    }
    return result;
}

__attribute__((target("avx2")))
static void quantize_avx2(const float *values, size_t count, float factor, int8_t *out) {
    const __m256 scale = _mm256_set1_ps(factor), half = _mm256_set1_ps(0.5f), one = _mm256_set1_ps(1.0f);
    const __m256 sign = _mm256_set1_ps(-0.0f), high = _mm256_set1_ps(127.0f), low = _mm256_set1_ps(-127.0f);
    size_t i = 0;
    for (; i + 8 <= count; i += 8) {
        const __m256 v = _mm256_mul_ps(_mm256_loadu_ps(values + i), scale);
        __m256 t = _mm256_round_ps(v, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
        const __m256 fraction = _mm256_andnot_ps(sign, _mm256_sub_ps(v, t));
        const __m256 step = _mm256_or_ps(_mm256_and_ps(v, sign), one);
        t = _mm256_add_ps(t, _mm256_and_ps(_mm256_cmp_ps(fraction, half, _CMP_GE_OQ), step));
        t = _mm256_min_ps(_mm256_max_ps(t, low), high);
        const __m256i whole = _mm256_cvttps_epi32(t);
        const __m128i words = _mm_packs_epi32(_mm256_castsi256_si128(whole), _mm256_extracti128_si256(whole, 1));
        _mm_storel_epi64((__m128i *)(out + i), _mm_packs_epi16(words, words));
    }
    dict_i8_quantize_scalar(values + i, count - i, factor, out + i);
}

#endif

float dict_f32_max_abs(const float *values, size_t count) {
#ifdef DICT_HAVE_X86
    if (dict_cpu_has_avx2()) return max_abs_avx2(values, count);
#endif
    return dict_f32_max_abs_scalar(values, count);
}

void dict_i8_quantize(const float *values, size_t count, float factor, int8_t *out) {
#ifdef DICT_HAVE_X86
    if (dict_cpu_has_avx2()) {
        quantize_avx2(values, count, factor, out);
        return;
    }
#endif
    dict_i8_quantize_scalar(values, count, factor, out);
}
