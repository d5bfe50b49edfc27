// GELU, LayerNorm and softmax: the encoder's element-wise steps, each a few percent of its time once the matrix
// products are fast. The AVX2 versions sum in 8 lanes, so results differ from the portable ones in the last bits.
#include "CEncoderKernels.h"

#include <math.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define DICT_X86 1
#define AVX2 __attribute__((target("avx2,fma")))
#endif

// erf(x) ≈ x·P(x²)/Q(x²) on x clamped to [-4, 4] (erf is 1 to float precision beyond): the rational
// approximation Eigen and TensorFlow use for float erf. Absolute error ≤ 5e-7; glibc's erff is over ten times
// slower, and GELU evaluates erf for every feed-forward activation.
static const float erf_numerator[7] = {
    -2.72614225801306e-10f, 2.77068142495902e-08f, -2.10102402082508e-06f, -5.69250639462346e-05f,
    -7.34990630326855e-04f, -2.95459980854025e-03f, -1.60960333262415e-02f,
};
static const float erf_denominator[5] = {
    -1.45660718464996e-05f, -2.13374055278905e-04f, -1.68282697438203e-03f, -7.37332916720468e-03f,
    -1.42647390514189e-02f,
};
static const float inverse_square_root_two = 0.70710678118654752f;

static inline float erf_portable(float x) {
    float clamped = fminf(fmaxf(x, -4.0f), 4.0f);
    float square = clamped * clamped;
    float numerator = erf_numerator[0];
    for (int i = 1; i < 7; i++) numerator = square * numerator + erf_numerator[i];
    float denominator = erf_denominator[0];
    for (int i = 1; i < 5; i++) denominator = square * denominator + erf_denominator[i];
    return clamped * numerator / denominator;
}

static void gelu_portable(float *values, size_t count) {
    for (size_t i = 0; i < count; i++) {
        float x = values[i];
        values[i] = 0.5f * x * (1.0f + erf_portable(x * inverse_square_root_two));
    }
}

static void layer_norm_portable(float *matrix, int rows, int width, const float *scale, const float *shift, float epsilon) {
    float inverse_width = 1.0f / (float)width;
    for (int r = 0; r < rows; r++) {
        float *row = matrix + (size_t)r * width;
        float sum = 0;
        for (int i = 0; i < width; i++) sum += row[i];
        float mean = sum * inverse_width;
        float squares = 0;
        for (int i = 0; i < width; i++) squares += (row[i] - mean) * (row[i] - mean);
        float inverse_deviation = 1.0f / sqrtf(squares * inverse_width + epsilon);
        for (int i = 0; i < width; i++) row[i] = (row[i] - mean) * inverse_deviation * scale[i] + shift[i];
    }
}

static void softmax_rows_portable(float *matrix, int rows, int width, int ld, float scale) {
    for (int r = 0; r < rows; r++) {
        float *row = matrix + (size_t)r * ld;
        float maximum = -INFINITY;
        for (int i = 0; i < width; i++) maximum = fmaxf(maximum, row[i]);
        float sum = 0;
        for (int i = 0; i < width; i++) {
            row[i] = expf((row[i] - maximum) * scale);
            sum += row[i];
        }
        float inverse_sum = 1.0f / sum;
        for (int i = 0; i < width; i++) row[i] *= inverse_sum;
    }
}

#ifdef DICT_X86
AVX2 static inline __m256 erf_avx2(__m256 x) {
    __m256 clamped = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-4.0f)), _mm256_set1_ps(4.0f));
    __m256 square = _mm256_mul_ps(clamped, clamped);
    __m256 numerator = _mm256_set1_ps(erf_numerator[0]);
    for (int i = 1; i < 7; i++) numerator = _mm256_fmadd_ps(square, numerator, _mm256_set1_ps(erf_numerator[i]));
    __m256 denominator = _mm256_set1_ps(erf_denominator[0]);
    for (int i = 1; i < 5; i++) denominator = _mm256_fmadd_ps(square, denominator, _mm256_set1_ps(erf_denominator[i]));
    return _mm256_div_ps(_mm256_mul_ps(clamped, numerator), denominator);
}

AVX2 static void gelu_avx2(float *values, size_t count) {
    size_t i = 0;
    __m256 half = _mm256_set1_ps(0.5f), one = _mm256_set1_ps(1.0f), factor = _mm256_set1_ps(inverse_square_root_two);
    for (; i + 8 <= count; i += 8) {
        __m256 x = _mm256_loadu_ps(values + i);
        __m256 phi = _mm256_add_ps(one, erf_avx2(_mm256_mul_ps(x, factor)));
        _mm256_storeu_ps(values + i, _mm256_mul_ps(_mm256_mul_ps(half, x), phi));
    }
    if (i < count) {
        // The tail through the same vector code, so a value's result does not depend on its position.
        float tail[8] = {0};
        size_t rest = count - i;
        for (size_t j = 0; j < rest; j++) tail[j] = values[i + j];
        __m256 x = _mm256_loadu_ps(tail);
        __m256 phi = _mm256_add_ps(one, erf_avx2(_mm256_mul_ps(x, factor)));
        _mm256_storeu_ps(tail, _mm256_mul_ps(_mm256_mul_ps(half, x), phi));
        for (size_t j = 0; j < rest; j++) values[i + j] = tail[j];
    }
}

AVX2 static inline float horizontal_sum(__m256 v) {
    __m128 sum = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    sum = _mm_add_ps(sum, _mm_movehl_ps(sum, sum));
    sum = _mm_add_ss(sum, _mm_movehdup_ps(sum));
    return _mm_cvtss_f32(sum);
}

AVX2 static void layer_norm_avx2(float *matrix, int rows, int width, const float *scale, const float *shift, float epsilon) {
    if (width % 8 != 0) {
        layer_norm_portable(matrix, rows, width, scale, shift, epsilon);
        return;
    }
    float inverse_width = 1.0f / (float)width;
    for (int r = 0; r < rows; r++) {
        float *row = matrix + (size_t)r * width;
        __m256 sums = _mm256_setzero_ps();
        for (int i = 0; i < width; i += 8) sums = _mm256_add_ps(sums, _mm256_loadu_ps(row + i));
        __m256 mean = _mm256_set1_ps(horizontal_sum(sums) * inverse_width);
        __m256 squares = _mm256_setzero_ps();
        for (int i = 0; i < width; i += 8) {
            __m256 centered = _mm256_sub_ps(_mm256_loadu_ps(row + i), mean);
            squares = _mm256_fmadd_ps(centered, centered, squares);
        }
        __m256 inverse_deviation = _mm256_set1_ps(1.0f / sqrtf(horizontal_sum(squares) * inverse_width + epsilon));
        for (int i = 0; i < width; i += 8) {
            __m256 normalized = _mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(row + i), mean), inverse_deviation);
            _mm256_storeu_ps(row + i, _mm256_fmadd_ps(normalized, _mm256_loadu_ps(scale + i), _mm256_loadu_ps(shift + i)));
        }
    }
}

/// e^x for x ≤ 0 (softmax's max-subtracted inputs), Cephes' single-precision method: x = n·ln 2 + r with
/// |r| ≤ ln 2 / 2, a degree-6 polynomial for e^r, 2^n from the exponent bits. Relative error about 2e-7; inputs
/// below -87.3 give 2^-126 · e^r rather than a denormal, which a softmax sum cannot tell from zero.
AVX2 static inline __m256 exp_avx2(__m256 x) {
    x = _mm256_max_ps(x, _mm256_set1_ps(-87.33654f));
    x = _mm256_min_ps(x, _mm256_set1_ps(88.37626f));
    __m256 n = _mm256_floor_ps(_mm256_fmadd_ps(x, _mm256_set1_ps(1.44269504088896341f), _mm256_set1_ps(0.5f)));
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 p = _mm256_set1_ps(1.9875691500e-4f);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
    p = _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
    __m256i exponent = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(p, _mm256_castsi256_ps(exponent));
}

AVX2 static void softmax_rows_avx2(float *matrix, int rows, int width, int ld, float scale) {
    __m256 scales = _mm256_set1_ps(scale);
    for (int r = 0; r < rows; r++) {
        float *row = matrix + (size_t)r * ld;
        int vectorEnd = width & ~7;
        float maximum = -INFINITY;
        if (vectorEnd > 0) {
            __m256 maxima = _mm256_loadu_ps(row);
            for (int i = 8; i < vectorEnd; i += 8) maxima = _mm256_max_ps(maxima, _mm256_loadu_ps(row + i));
            __m128 m = _mm_max_ps(_mm256_castps256_ps128(maxima), _mm256_extractf128_ps(maxima, 1));
            m = _mm_max_ps(m, _mm_movehl_ps(m, m));
            m = _mm_max_ss(m, _mm_movehdup_ps(m));
            maximum = _mm_cvtss_f32(m);
        }
        for (int i = vectorEnd; i < width; i++) maximum = fmaxf(maximum, row[i]);
        __m256 maxima = _mm256_set1_ps(maximum);
        __m256 sums = _mm256_setzero_ps();
        for (int i = 0; i < vectorEnd; i += 8) {
            __m256 e = exp_avx2(_mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(row + i), maxima), scales));
            _mm256_storeu_ps(row + i, e);
            sums = _mm256_add_ps(sums, e);
        }
        float sum = horizontal_sum(sums);
        if (vectorEnd < width) {
            // The tail through the same exp as the vector part, so a row's values do not depend on their position.
            float tail[8] = {0};
            int count = width - vectorEnd;
            for (int i = 0; i < count; i++) tail[i] = row[vectorEnd + i];
            __m256 e = exp_avx2(_mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(tail), maxima), scales));
            _mm256_storeu_ps(tail, e);
            for (int i = 0; i < count; i++) {
                row[vectorEnd + i] = tail[i];
                sum += tail[i];
            }
        }
        __m256 inverse = _mm256_set1_ps(1.0f / sum);
        for (int i = 0; i < vectorEnd; i += 8) _mm256_storeu_ps(row + i, _mm256_mul_ps(_mm256_loadu_ps(row + i), inverse));
        for (int i = vectorEnd; i < width; i++) row[i] *= 1.0f / sum;
    }
}
#endif

void dict_gelu(DictKernelSet set, float *values, size_t count) {
#ifdef DICT_X86
    if (set == DICT_KERNELS_AVX2) {
        gelu_avx2(values, count);
        return;
    }
#endif
    gelu_portable(values, count);
}

void dict_layer_norm(DictKernelSet set, float *matrix, int rows, int width, const float *scale, const float *shift,
                     float epsilon) {
#ifdef DICT_X86
    if (set == DICT_KERNELS_AVX2) {
        layer_norm_avx2(matrix, rows, width, scale, shift, epsilon);
        return;
    }
#endif
    layer_norm_portable(matrix, rows, width, scale, shift, epsilon);
}

void dict_softmax_rows(DictKernelSet set, float *matrix, int rows, int width, int ld, float scale) {
#ifdef DICT_X86
    if (set == DICT_KERNELS_AVX2) {
        softmax_rows_avx2(matrix, rows, width, ld, scale);
        return;
    }
#endif
    softmax_rows_portable(matrix, rows, width, ld, scale);
}
