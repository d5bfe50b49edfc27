import Foundation

/// The error function in single precision.
enum Erf {
    /// erf(x) for Float; the C library's `erff` (correctly rounded to within an ulp or so).
    @inline(__always)
    static func erf(_ x: Float) -> Float {
        Foundation.erf(x)
    }
}
