#ifndef COPENBLAS_SHIM_H
#define COPENBLAS_SHIM_H
// OpenBLAS's cblas.h also declares openblas_set_num_threads / openblas_get_num_threads, which the
// netlib libblas wrapper lacks: pkg-config "openblas" (not "blas") puts this header first on the path.
#include <cblas.h>
#endif
