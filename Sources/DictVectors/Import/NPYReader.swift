import Foundation

/// Reads NumPy `.npy` files holding a 2-D little-endian float32 matrix (`dtype '<f4'`, C order), the format
/// `numpy.save` writes for `np.float32` arrays. Format: magic `\x93NUMPY`, version, header length, a Python-dict
/// header padded with spaces, then the raw data. Anything else is a typed error, never a crash.
package enum NPYReader {
    /// Parses `bytes` read from `path` (the path only names the file in errors).
    package static func parse(_ bytes: [UInt8], path: String) throws -> FloatMatrix {
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw EmbeddingFileError.notNPY(path: path) }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw EmbeddingFileError.notNPY(path: path) }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw EmbeddingFileError.unsupportedNPYVersion(path: path, major: major)
        }
        guard headerStart + headerLength <= bytes.count else {
            throw EmbeddingFileError.truncated(path: path, expectedBytes: headerStart + headerLength, foundBytes: bytes.count)
        }
        guard let header = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: major == 3 ? .utf8 : .isoLatin1) else {
            throw EmbeddingFileError.malformedNPYHeader(path: path, header: "(undecodable)")
        }
        let descr = try value(of: "descr", in: header, path: path)
        let dtype = descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
        guard dtype == "<f4" else { throw EmbeddingFileError.unsupportedDType(path: path, expected: "'<f4' (little-endian float32)", found: dtype) }
        let fortran = try value(of: "fortran_order", in: header, path: path)
        guard fortran.trimmingCharacters(in: .whitespaces) == "False" else { throw EmbeddingFileError.fortranOrder(path: path) }
        let shapeText = try value(of: "shape", in: header, path: path)
        let dims = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let parsed = dims.compactMap { Int($0) }
        guard parsed.count == dims.count, parsed.count == 2, parsed[0] >= 0, parsed[1] > 0 else {
            throw EmbeddingFileError.badShape(path: path, expected: "(rows, dimension) with dimension > 0", found: "(\(dims.joined(separator: ", ")))")
        }
        let (rows, dimension) = (parsed[0], parsed[1])
        let (byteCount, overflow) = rows.multipliedReportingOverflow(by: dimension * 4)
        let dataStart = headerStart + headerLength
        guard !overflow, bytes.count - dataStart >= byteCount else {
            throw EmbeddingFileError.truncated(path: path, expectedBytes: overflow ? Int.max : byteCount, foundBytes: bytes.count - dataStart)
        }
        let values = decodeLittleEndianFloats(bytes, from: dataStart, count: rows * dimension)
        return FloatMatrix(rows: rows, dimension: dimension, values: values)
    }

    /// Reads and parses the file at `path`.
    package static func read(path: String) throws -> FloatMatrix {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EmbeddingFileError.unreadable(path: path, reason: "no such file or not readable")
        }
        return try parse([UInt8](data), path: path)
    }

    /// The text after `'key':` up to the next top-level comma of the header dict (tuples kept whole).
    private static func value(of key: String, in header: String, path: String) throws -> String {
        guard let keyRange = header.range(of: "'\(key)':") ?? header.range(of: "\"\(key)\":") else {
            throw EmbeddingFileError.malformedNPYHeader(path: path, header: header)
        }
        var depth = 0
        var result = ""
        for character in header[keyRange.upperBound...] {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if (character == "," && depth == 0) || character == "}" { break }
            result.append(character)
        }
        return result.trimmingCharacters(in: .whitespaces)
    }
}

/// Decodes `count` little-endian float32 values starting at byte `offset`.
package func decodeLittleEndianFloats(_ bytes: [UInt8], from offset: Int, count: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        bytes.withUnsafeBytes { raw in
            for i in 0..<count {
                let bits = raw.loadUnaligned(fromByteOffset: offset + 4 * i, as: UInt32.self)
                buffer[i] = Float(bitPattern: UInt32(littleEndian: bits))
            }
        }
        initialized = count
    }
}
