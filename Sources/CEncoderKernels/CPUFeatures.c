// Run-time choice of the kernel set, and the FMA ceiling the benchmark prints beside its sgemm bound.
#include "CEncoderKernels.h"

#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define DICT_X86 1
#endif

bool dict_cpu_has_avx2_fma(void) {
#ifdef DICT_X86
    // __builtin_cpu_supports also checks that the OS saves the ymm registers (OSXSAVE/XGETBV).
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return false;
#endif
}

static double monotonic_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec * 1e-9;
}

#ifdef DICT_X86
/// 12 independent FMA chains (more than latency × throughput = 4 × 2), no memory traffic: 16·12 flops per
/// round. The empty asm keeps the compiler from folding the chains.
__attribute__((target("avx2,fma"))) static double fma_peak_avx2(double seconds) {
    __m256 sums[12];
    for (int i = 0; i < 12; i++) sums[i] = _mm256_set1_ps((float)i);
    __m256 factor = _mm256_set1_ps(0.999999f), addend = _mm256_set1_ps(1e-7f);
    long rounds = 0;
    double start = monotonic_seconds(), elapsed = 0;
    while (elapsed < seconds) {
        for (int repeat = 0; repeat < 100000; repeat++) {
            for (int i = 0; i < 12; i++) sums[i] = _mm256_fmadd_ps(sums[i], factor, addend);
            __asm__ volatile("" : "+x"(sums[0]), "+x"(sums[1]), "+x"(sums[2]), "+x"(sums[3]), "+x"(sums[4]), "+x"(sums[5]),
                             "+x"(sums[6]), "+x"(sums[7]), "+x"(sums[8]), "+x"(sums[9]), "+x"(sums[10]), "+x"(sums[11]));
        }
        rounds += 100000;
        elapsed = monotonic_seconds() - start;
    }
    return (double)rounds * 12 * 16 / elapsed / 1e9;
}
#endif

double dict_fma_peak_gflops(double seconds) {
#ifdef DICT_X86
    if (dict_cpu_has_avx2_fma()) return fma_peak_avx2(seconds);
#endif
    // Without AVX2 there is no single instruction set to measure; report nothing rather than a made-up figure.
    return 0;
}
