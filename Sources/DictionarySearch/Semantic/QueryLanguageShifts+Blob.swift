import DictVectors
package import Foundation

extension QueryLanguageShifts {
    /// A shift as stored: `dimension` little-endian float32 values.
    package static func blob(_ shift: [Float]) -> Data {
        var data = Data(capacity: 4 * shift.count)
        for value in shift { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// A stored shift read back, checked: `4 · dimension` bytes of finite floats.
    /// - Throws: `QueryLanguageShiftError.malformed` naming the model, language, expected and found sizes.
    package static func decoded(blob: Data, dimension: Int, model: String, language: String) throws -> [Float] {
        guard blob.count == 4 * dimension else {
            throw QueryLanguageShiftError.malformed(
                model: model, language: language, reason: "expected \(4 * dimension) bytes (\(dimension) float32), found \(blob.count)")
        }
        let values = decodeLittleEndianFloats([UInt8](blob), from: 0, count: dimension)
        guard values.allSatisfy(\.isFinite) else {
            throw QueryLanguageShiftError.malformed(model: model, language: language, reason: "NaN or infinite component")
        }
        return values
    }
}
