/// Any JSON value: entry fields a type does not model (kept in `extras` so a round trip never drops another
/// client's keys), synced documents, annotations, idempotent responses and the OpenAPI document. Numbers are
/// Doubles: integers beyond ±2^53 lose precision, as in the JavaScript clients.
package enum JSONValue: Codable, Hashable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

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

    /// The JSON type name, for error messages ("expected object, found array").
    package var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The member `key` of an object, nil otherwise.
    package subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The value with every object member named in `keys` removed, at any depth.
    package func removingKeys(_ keys: Set<String>) -> JSONValue {
        switch self {
        case .array(let items): .array(items.map { $0.removingKeys(keys) })
        case .object(let members):
            .object(members.filter { !keys.contains($0.key) }.mapValues { $0.removingKeys(keys) })
        default: self
        }
    }
}
