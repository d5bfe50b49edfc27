#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element-wise parts of the encoder (everything that is not a matrix product), written as plain loops over
/// raw pointers so the optimizer vectorizes them. Each works in place on row-major `rows × width` blocks.
enum EncoderKernels {
    /// Sets every row of `matrix` to `row` (a bias), so an sgemm with beta = 1 adds the product onto it.
    static func broadcastRows(_ row: UnsafePointer<Float>, into matrix: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for index in 0..<rows {
            (matrix + index * width).update(from: row, count: width)
        }
    }

    /// `matrix[r][c] = residual[r][c] + bias[c]`: the residual input plus the bias of the projection added next.
    static func addRows(_ residual: UnsafePointer<Float>, bias: UnsafePointer<Float>, into matrix: UnsafeMutablePointer<Float>,
                        rows: Int, width: Int) {
        for index in 0..<rows {
            let source = residual + index * width, target = matrix + index * width
            for column in 0..<width { target[column] = source[column] + bias[column] }
        }
    }

    /// LayerNorm of each row: `(x − mean) / sqrt(variance + epsilon) · scale + shift`, biased variance as PyTorch.
    static func layerNorm(_ matrix: UnsafeMutablePointer<Float>, rows: Int, width: Int,
                          scale: UnsafePointer<Float>, shift: UnsafePointer<Float>, epsilon: Float) {
        let inverseWidth = 1 / Float(width)
        for index in 0..<rows {
            let row = matrix + index * width
            var sum: Float = 0
            for column in 0..<width { sum += row[column] }
            let mean = sum * inverseWidth
            var squares: Float = 0
            for column in 0..<width {
                let centered = row[column] - mean
                squares += centered * centered
            }
            let inverseDeviation = 1 / (squares * inverseWidth + epsilon).squareRoot()
            for column in 0..<width {
                row[column] = (row[column] - mean) * inverseDeviation * scale[column] + shift[column]
            }
        }
    }

    /// Exact (erf) GELU, `x · Φ(x) = x/2 · (1 + erf(x/√2))`, in place; not the tanh approximation.
    static func gelu(_ values: UnsafeMutablePointer<Float>, count: Int) {
        let inverseSquareRootTwo: Float = 0.707_106_781_186_547_5
        for index in 0..<count {
            let x = values[index]
            values[index] = 0.5 * x * (1 + Erf.erf(x * inverseSquareRootTwo))
        }
    }

    /// Softmax of each row (max-subtracted for stability), in place.
    static func softmaxRows(_ matrix: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for index in 0..<rows {
            let row = matrix + index * width
            var maximum = -Float.infinity
            for column in 0..<width { maximum = max(maximum, row[column]) }
            var sum: Float = 0
            for column in 0..<width {
                let exponential = expf(row[column] - maximum)
                row[column] = exponential
                sum += exponential
            }
            let inverseSum = 1 / sum
            for column in 0..<width { row[column] *= inverseSum }
        }
    }
}
