import COpenBLAS
import CVectorKernels

/// Small numeric kernels shared by the index, the loader and the store. Hot loops take raw pointers once.
package enum VectorMath {
    /// Checks that `vector` has `dimension` finite components and a non-zero norm.
    /// O(d). Throws `dimensionMismatch`, `nonFiniteComponent` or `zeroVector` naming `entryID`.
    package static func validate(_ vector: [Float], dimension: Int, entryID: String? = nil) throws {
        guard vector.count == dimension else {
            throw VectorError.dimensionMismatch(expected: dimension, found: vector.count, entryID: entryID)
        }
        try vector.withUnsafeBufferPointer { buffer in
            var allZero = true
            for i in 0..<buffer.count {
                let x = buffer[i]
                if !x.isFinite { throw VectorError.nonFiniteComponent(index: i, entryID: entryID) }
                if x != 0 { allZero = false }
            }
            if allZero { throw VectorError.zeroVector(entryID: entryID) }
        }
    }

    /// L2 norm, with the squares summed in double so large finite components do not overflow.
    @inline(__always)
    package static func norm(_ pointer: UnsafePointer<Float>, count: Int) -> Float {
        // Squares summed in double (C kernel): no scaling pass as in snrm2, which was a tenth of an index load.
        Float(dict_f32_sum_squares(pointer, count).squareRoot())
    }

    /// Scales `count` floats at `pointer` to unit length. Returns false (leaving the data unchanged) when the norm
    /// is zero or not finite, which means the vector holds zeros only, a NaN or an infinity.
    @discardableResult
    package static func normalizeInPlace(_ pointer: UnsafeMutablePointer<Float>, count: Int) -> Bool {
        let n = norm(pointer, count: count)
        let inverse = 1 / n
        // A norm too small for its reciprocal to be finite (subnormal components only) counts as zero.
        guard n.isFinite, n > 0, inverse.isFinite else { return false }
        for i in 0..<count { pointer[i] *= inverse }
        return true
    }

    /// A validated, unit-length copy of `vector`.
    package static func normalized(_ vector: [Float], dimension: Int, entryID: String? = nil) throws -> [Float] {
        try validate(vector, dimension: dimension, entryID: entryID)
        var copy = vector
        let ok = copy.withUnsafeMutableBufferPointer { normalizeInPlace($0.baseAddress!, count: dimension) }
        // validate() guarantees a finite non-zero input; subnormal-only components still have no finite reciprocal norm.
        guard ok else { throw VectorError.zeroVector(entryID: entryID) }
        return copy
    }

    /// Dot product with two 8-lane accumulators; used for tiny matrices and gathered (filtered) rows, where
    /// a BLAS call costs more than it saves. O(d).
    @inlinable @inline(__always)
    package static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        var acc0 = SIMD8<Float>()
        var acc1 = SIMD8<Float>()
        var i = 0
        while i + 16 <= count {
            acc0 += ra.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: i &* 4, as: SIMD8<Float>.self)
            acc1 += ra.loadUnaligned(fromByteOffset: (i &+ 8) &* 4, as: SIMD8<Float>.self)
                * rb.loadUnaligned(fromByteOffset: (i &+ 8) &* 4, as: SIMD8<Float>.self)
            i &+= 16
        }
        var sum = (acc0 + acc1).sum()
        while i < count {
            sum += a[i] * b[i]
            i &+= 1
        }
        return sum
    }
}
