/// A dense row-major float32 matrix read from an import file: `rows × dimension` values in `values`.
public struct FloatMatrix: Sendable, Equatable {
    public let rows: Int
    public let dimension: Int
    public let values: [Float]

    public init(rows: Int, dimension: Int, values: [Float]) {
        precondition(values.count == rows * dimension, "matrix storage must hold rows × dimension values")
        self.rows = rows
        self.dimension = dimension
        self.values = values
    }

    /// Row `index` as a slice of the storage (no copy).
    public func row(_ index: Int) -> ArraySlice<Float> {
        values[(index * dimension)..<((index + 1) * dimension)]
    }
}
