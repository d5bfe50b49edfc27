#ifndef DICT_C_VECTOR_KERNELS_CPU_FEATURES_H
#define DICT_C_VECTOR_KERNELS_CPU_FEATURES_H
// Shared by the kernels of this target (not part of its public header).

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define DICT_HAVE_X86 1

/// Whether this CPU has AVX2 (detected once).
int dict_cpu_has_avx2(void);
/// Whether this CPU has AVX2 and FMA (detected once).
int dict_vectors_cpu_has_avx2_fma(void);
#endif

#endif
