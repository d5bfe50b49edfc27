/// A coding key for any string: reads and writes the keys a Codable type does not model.
package struct AnyCodingKey: CodingKey {
    package var stringValue: String
    package var intValue: Int? { nil }
    package init(_ string: String) { stringValue = string }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }
}

extension Decoder {
    /// Every key of the current JSON object that is not in `known`, as raw JSON values.
    package func unknownKeys(excluding known: Set<String>) throws -> [String: JSONValue] {
        let container = try container(keyedBy: AnyCodingKey.self)
        var extras: [String: JSONValue] = [:]
        for key in container.allKeys where !known.contains(key.stringValue) {
            extras[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        return extras
    }
}

extension Encoder {
    /// Writes `extras` beside the modelled keys of the current JSON object, in key order.
    package func encodeUnknownKeys(_ extras: [String: JSONValue]) throws {
        guard !extras.isEmpty else { return }
        var container = container(keyedBy: AnyCodingKey.self)
        for (key, value) in extras.sorted(by: { $0.key < $1.key }) {
            try container.encode(value, forKey: AnyCodingKey(key))
        }
    }
}
