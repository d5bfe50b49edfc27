import CVectorKernels

/// An int8 copy of the unit-vector matrix for a first, approximate scan (4× less memory traffic than float32).
/// Each row is scaled by its own factor so its largest component maps to ±127 (a query's to ±63): `x ≈ scale × q`.
/// Approximate cosine = `rowScale × queryScale × Σ q_row·q_query` (the sum by `dict_i8_dot_rows`, AVX2 where the
/// CPU has it); the best `k × r` rows are then re-ranked exactly.
package final class QuantizedMatrix {
    package let dimension: Int
    package private(set) var capacity: Int
    /// `capacity × dimension` int8 values, row-major.
    package private(set) var values: UnsafeMutablePointer<Int8>
    /// One dequantization factor per row.
    package private(set) var scales: UnsafeMutablePointer<Float>

    package init(dimension: Int, capacity: Int) {
        self.dimension = dimension
        self.capacity = max(capacity, 1)
        values = .allocate(capacity: self.capacity * dimension)
        scales = .allocate(capacity: self.capacity)
    }

    deinit {
        values.deallocate()
        scales.deallocate()
    }

    /// Bytes held.
    package var residentBytes: Int { capacity * (dimension + 4) }

    /// Quantizes `source` into row `position`.
    package func setRow(_ position: Int, from source: UnsafePointer<Float>, dimension d: Int) {
        let (scale, _) = Self.quantize(source, count: d, into: values + position * d)
        scales[position] = scale
    }

    /// Copies row `from` over row `to` (delete compaction).
    package func moveRow(from: Int, to: Int) {
        (values + to * dimension).update(from: values + from * dimension, count: dimension)
        scales[to] = scales[from]
    }

    /// Reallocates to `rows` rows, keeping the first `kept`.
    package func grow(to rows: Int, keeping kept: Int) {
        let newValues = UnsafeMutablePointer<Int8>.allocate(capacity: rows * dimension)
        newValues.update(from: values, count: kept * dimension)
        values.deallocate()
        values = newValues
        let newScales = UnsafeMutablePointer<Float>.allocate(capacity: rows)
        newScales.update(from: scales, count: kept)
        scales.deallocate()
        scales = newScales
        capacity = rows
    }

    /// Levels of a row's values (±127) and of a query's (±63: `dict_i8_dot_rows` multiplies unsigned by signed
    /// bytes and needs that headroom; the shortlist is re-ranked exactly, so the coarser query costs no recall).
    package static let rowLevels: Float = 127
    package static let queryLevels: Float = 63

    /// Writes `count` int8 values in −levels…levels for `source` to `output`; returns the dequantization scale.
    @discardableResult
    package static func quantize(_ source: UnsafePointer<Float>, count: Int, levels: Float = rowLevels,
                                 into output: UnsafeMutablePointer<Int8>) -> (Float, Float) {
        let maxAbs = dict_f32_max_abs(source, count)
        guard maxAbs > 0 else {
            output.update(repeating: 0, count: count)
            return (0, 0)
        }
        let factor = levels / maxAbs
        dict_i8_quantize(source, count, factor, output)
        return (maxAbs / levels, factor)
    }

}

