/// The element-wise steps that stay in Swift (the rest are in `CEncoderKernels`): plain loops over raw pointers
/// that the optimizer vectorizes well enough for their share of the time. Each works on row-major
/// `rows × width` blocks.
enum EncoderKernels {
    /// `matrix[r][c] = residual[r][c] + bias[c]`: the residual input plus the bias of the projection added next.
    static func addRows(_ residual: UnsafePointer<Float>, bias: UnsafePointer<Float>, into matrix: UnsafeMutablePointer<Float>,
                        rows: Int, width: Int) {
        for index in 0..<rows {
            let source = residual + index * width, target = matrix + index * width
            for column in 0..<width { target[column] = source[column] + bias[column] }
        }
    }
}
