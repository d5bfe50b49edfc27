import Foundation

/// Reads a headerless file of little-endian float32 values as a `rows × dimension` matrix; the dimension comes
/// from the caller (the model's declared dimension) and the file size must be a whole number of rows.
package enum RawFloat32Reader {
    /// Parses `bytes` as rows of `dimension` floats.
    package static func parse(_ bytes: [UInt8], dimension: Int, path: String) throws -> FloatMatrix {
        guard dimension > 0 else { throw EmbeddingFileError.badShape(path: path, expected: "dimension > 0", found: "\(dimension)") }
        let rowBytes = dimension * 4
        guard bytes.count % rowBytes == 0 else {
            throw EmbeddingFileError.sizeNotMultiple(path: path, rowBytes: rowBytes, foundBytes: bytes.count)
        }
        let rows = bytes.count / rowBytes
        return FloatMatrix(rows: rows, dimension: dimension, values: decodeLittleEndianFloats(bytes, from: 0, count: rows * dimension))
    }

    /// Reads and parses the file at `path`.
    package static func read(path: String, dimension: Int) throws -> FloatMatrix {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EmbeddingFileError.unreadable(path: path, reason: "no such file or not readable")
        }
        return try parse([UInt8](data), dimension: dimension, path: path)
    }
}
