import DictStore
package import Foundation

/// A JSON document as stored in `sync_data.data`, annotations and idempotent responses, with one canonical
/// text form (object keys sorted by UTF-8 bytes at every depth, arrays in order, no whitespace, integral numbers
/// without a fraction) so equal values give equal checksums. Numbers are Doubles: integers beyond ±2^53 lose
/// precision, as in the JavaScript clients.
package enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Deepest nesting accepted; deeper input is refused rather than recursed into.
    package static let maximumDepth = 64

    /// Decodes any JSON value (null, bool, number, string, array, object).
    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else if let value = try? container.decode([String: JSONValue].self) { self = .object(value) }
        else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON value") }
    }

    /// Encodes the value as plain JSON (not canonical; use `canonicalText()` for checksums).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses JSON text (UTF-8); malformed, non-UTF-8 or too deep input is `APIError.invalidJSON`.
    package static func parse(_ data: Data) throws -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw APIError.invalidJSON(reason: "not parseable JSON (\(data.count) bytes)")
        }
        _ = try value.canonicalText()
        return value
    }

    /// Parses JSON text.
    package static func parse(_ text: String) throws -> JSONValue { try parse(Data(text.utf8)) }

    /// The canonical text; throws for NaN/Infinity or nesting deeper than `maximumDepth`.
    package func canonicalText() throws -> String {
        var output = ""
        try write(into: &output, depth: 0)
        return output
    }

    /// Hex SHA-256 of the canonical text: the checksum of a synced entity.
    package func checksum() throws -> String { SHA256.hexDigest(of: Array(try canonicalText().utf8)) }

    /// The value with every object member named in `keys` removed, at any depth.
    package func removingKeys(_ keys: Set<String>) -> JSONValue {
        switch self {
        case .array(let items): .array(items.map { $0.removingKeys(keys) })
        case .object(let members):
            .object(members.filter { !keys.contains($0.key) }.mapValues { $0.removingKeys(keys) })
        default: self
        }
    }

    /// The member `key` of an object, nil otherwise.
    package subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    private func write(into output: inout String, depth: Int) throws {
        guard depth <= Self.maximumDepth else { throw APIError.invalidJSON(reason: "nested deeper than \(Self.maximumDepth)") }
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value):
            guard value.isFinite else { throw APIError.invalidJSON(reason: "non-finite number") }
            if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
                output += String(Int64(value))
            } else {
                output += "\(value)"
            }
        case .string(let value): Self.writeString(value, into: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                try item.write(into: &output, depth: depth + 1)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, into: &output)
                output += ":"
                try members[key]?.write(into: &output, depth: depth + 1)
            }
            output += "}"
        }
    }

    private static func writeString(_ value: String, into output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
