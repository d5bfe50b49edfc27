/// A dense row-major float32 matrix read from an import file: `rows × dimension` values in `values`.
package struct FloatMatrix: Sendable, Equatable {
    package let rows: Int
    package let dimension: Int
    package let values: [Float]

    package init(rows: Int, dimension: Int, values: [Float]) {
        precondition(values.count == rows * dimension, "matrix storage must hold rows × dimension values")
        self.rows = rows
        self.dimension = dimension
        self.values = values
    }

    /// Row `index` as a slice of the storage (no copy).
    package func row(_ index: Int) -> ArraySlice<Float> {
        values[(index * dimension)..<((index + 1) * dimension)]
    }
}
