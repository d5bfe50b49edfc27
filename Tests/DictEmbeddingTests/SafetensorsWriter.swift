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

/// A fresh temporary folder, removed by `cleanUp`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "dict-embedding-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `data` to `name` inside the folder (creating subfolders) and returns the full path.
    @discardableResult
    func write(_ data: Data, to name: String) throws -> String {
        let full = path + "/" + name
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: full))
        return full
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A seeded generator (SplitMix64) for reproducible random weights.
struct SplitMixGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
