import CEncoderKernels

/// Which implementation of the encoder's numeric kernels (`CEncoderKernels`) a `BertEncoder` runs. Both give the
/// same vectors up to float rounding; tests run both.
package enum EncoderKernelSet: Sendable, CaseIterable {
    /// AVX2 and FMA (x86-64 CPUs since 2013), needs `isSupported`.
    case avx2
    /// Plain C that the compiler vectorizes for the baseline instruction set (SSE2, NEON).
    case portable

    /// The fastest set this CPU runs.
    package static let best: EncoderKernelSet = dict_cpu_has_avx2_fma() ? .avx2 : .portable

    /// Whether this CPU runs the set.
    package var isSupported: Bool {
        switch self {
        case .avx2: dict_cpu_has_avx2_fma()
        case .portable: true
        }
    }

    /// The C selector.
    var c: DictKernelSet {
        switch self {
        case .avx2: DICT_KERNELS_AVX2
        case .portable: DICT_KERNELS_PORTABLE
        }
    }
}
