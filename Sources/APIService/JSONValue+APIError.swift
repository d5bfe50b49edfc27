import DictStore

// The API reports a document it cannot store (NaN or infinite numbers, nesting deeper than
// `JSONValue.maximumDepth`) as `APIError.invalidJSON`, which callers map to a bad-input status.
extension JSONValue {
    /// The canonical text, a refusal reported as `APIError.invalidJSON`.
    func apiCanonicalText() throws -> String {
        do { return try canonicalText() } catch let error as JSONValueError { throw APIError.invalidJSON(reason: error.description) }
    }

    /// The checksum of the canonical text, a refusal reported as `APIError.invalidJSON`.
    func apiChecksum() throws -> String {
        SHA256.hexDigest(of: Array(try apiCanonicalText().utf8))
    }
}
