import Foundation

/// Builds safetensors files for tests: header JSON with `dtype`, `shape`, `data_offsets`, then the raw bytes.
struct SafetensorsWriter {
    private var entries: [(name: String, dtype: String, shape: [Int], bytes: Data)] = []

    /// Adds a little-endian float32 tensor.
    mutating func add(_ name: String, shape: [Int], values: [Float]) {
        var bytes = Data(capacity: values.count * 4)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        entries.append((name, "F32", shape, bytes))
    }

    /// Adds a tensor with arbitrary dtype and bytes (for malformed-file tests).
    mutating func add(_ name: String, dtype: String, shape: [Int], bytes: Data) {
        entries.append((name, dtype, shape, bytes))
    }

    /// The file's bytes; `headerOverride` replaces the generated JSON header.
    func data(headerOverride: String? = nil) -> Data {
        var header: [String: Any] = ["__metadata__": ["format": "pt"]]
        var offset = 0
        var body = Data()
        for entry in entries {
            header[entry.name] = ["dtype": entry.dtype, "shape": entry.shape, "data_offsets": [offset, offset + entry.bytes.count]]
            offset += entry.bytes.count
            body.append(entry.bytes)
        }
        let json = headerOverride.map { Data($0.utf8) } ?? (try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
        var result = Data()
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { result.append(contentsOf: $0) }
        result.append(json)
        result.append(body)
        return result
    }
}

