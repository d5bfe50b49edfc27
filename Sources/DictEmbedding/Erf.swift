/// The error function in single precision, as a rational approximation (the one Eigen and TensorFlow use for
/// float `erf`): `x·P(x²)/Q(x²)` on x clamped to [-4, 4], where erf is 1 to within float precision beyond.
/// Absolute error ≤ 5e-7 over the whole line (checked against the C library in `ErfTests`), i.e. a few float
/// ulps; glibc's `erff` is over ten times slower here, and GELU evaluates erf for every feed-forward activation.
enum Erf {
    /// erf(x) for Float; branch-free, so GELU loops vectorize.
    @inline(__always)
    static func erf(_ x: Float) -> Float {
        let clamped = min(max(x, -4), 4)
        let square = clamped * clamped
        var numerator: Float = -2.72614225801306e-10
        numerator = square * numerator + 2.77068142495902e-08
        numerator = square * numerator - 2.10102402082508e-06
        numerator = square * numerator - 5.69250639462346e-05
        numerator = square * numerator - 7.34990630326855e-04
        numerator = square * numerator - 2.95459980854025e-03
        numerator = square * numerator - 1.60960333262415e-02
        var denominator: Float = -1.45660718464996e-05
        denominator = square * denominator - 2.13374055278905e-04
        denominator = square * denominator - 1.68282697438203e-03
        denominator = square * denominator - 7.37332916720468e-03
        denominator = square * denominator - 1.42647390514189e-02
        return clamped * numerator / denominator
    }
}
