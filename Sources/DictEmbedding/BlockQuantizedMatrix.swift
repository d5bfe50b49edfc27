/// A matrix stored as 4-bit blocks (the "Q4_0" layout of the e5 file): each row of `columns` values is
/// `columns / 32` blocks of 18 bytes, a little-endian float16 scale `d` then 16 bytes of nibbles, where byte `j`
/// holds value `j` in its low nibble and value `j + 16` in its high nibble, and a nibble `q` means `(q − 8) · d`.
/// The bytes are copied out of the file, so the matrix does not keep the file open.
package struct BlockQuantizedMatrix: Sendable {
    /// Values per block.
    package static let blockValues = 32
    /// Bytes per block: a float16 scale and 16 bytes of nibbles.
    package static let blockBytes = 18

    /// Number of rows.
    package let rows: Int
    /// Values per row, a multiple of 32.
    package let columns: Int
    /// `rows · columns / 32` blocks, row-major.
    private let storage: [UInt8]

    /// Bytes a `rows × columns` matrix occupies.
    package static func byteCount(rows: Int, columns: Int) -> Int {
        rows * (columns / blockValues) * blockBytes
    }

    /// A matrix over a copy of `bytes`, which must hold exactly `byteCount(rows:columns:)` bytes.
    package init(rows: Int, columns: Int, bytes: UnsafeRawBufferPointer) {
        precondition(columns % Self.blockValues == 0 && bytes.count == Self.byteCount(rows: rows, columns: columns),
                     "block-quantized matrix bytes do not match \(rows) × \(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = Array(bytes)
    }

    /// Writes row `row` as `columns` floats to `target`. O(columns).
    package func dequantizeRow(_ row: Int, into target: UnsafeMutablePointer<Float>) {
        precondition(row >= 0 && row < rows, "row \(row) is outside 0..<\(rows)")
        let blocksPerRow = columns / Self.blockValues
        storage.withUnsafeBufferPointer { bytes in
            var block = bytes.baseAddress! + row * blocksPerRow * Self.blockBytes
            var output = target
            for _ in 0..<blocksPerRow {
                let scale = Self.float(fromHalf: UInt16(block[0]) | UInt16(block[1]) << 8)
                for j in 0..<16 {
                    let packed = block[2 + j]
                    output[j] = Float(Int(packed & 0x0F) - 8) * scale
                    output[j + 16] = Float(Int(packed >> 4) - 8) * scale
                }
                block += Self.blockBytes
                output += Self.blockValues
            }
        }
    }

    /// The whole matrix as a float32 tensor `[rows, columns]` (done once at load: the encoder's packed products
    /// run on float32). O(rows · columns).
    package func dequantized() -> Tensor {
        var values = [Float](repeating: 0, count: rows * columns)
        values.withUnsafeMutableBufferPointer { buffer in
            for row in 0..<rows { dequantizeRow(row, into: buffer.baseAddress! + row * columns) }
        }
        return Tensor(shape: [rows, columns], values: values)
    }

    /// IEEE 754 half precision to single, subnormals, infinities and NaN included. Written out because `Float16`
    /// is unavailable on some of the platforms the package builds for (macOS on Intel).
    package static func float(fromHalf bits: UInt16) -> Float {
        let sign = UInt32(bits & 0x8000) << 16
        let exponent = UInt32(bits >> 10) & 0x1F
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa · 2⁻²⁴, exact in single precision.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
        default:
            return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)
        }
    }
}
