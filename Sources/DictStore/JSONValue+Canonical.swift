package import Foundation

// One canonical text form (object keys sorted by UTF-8 bytes at every depth, arrays in order, no whitespace,
// integral numbers without a fraction), so equal values give equal checksums: the form `sync_data.data`,
// annotations and idempotent responses are stored and hashed in.
extension JSONValue {
    /// Deepest nesting accepted; deeper input is refused rather than recursed into.
    package static let maximumDepth = 64

    /// Parses JSON text (UTF-8); malformed, non-UTF-8 or too deep input throws `JSONValueError`.
    package static func parse(_ data: Data) throws -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw JSONValueError.unparseable(byteCount: data.count)
        }
        _ = try value.canonicalText()
        return value
    }

    /// Parses JSON text.
    package static func parse(_ text: String) throws -> JSONValue { try parse(Data(text.utf8)) }

    /// The canonical text; throws `JSONValueError` for NaN/Infinity or nesting deeper than `maximumDepth`.
    package func canonicalText() throws -> String {
        var output = ""
        try write(into: &output, depth: 0)
        return output
    }

    /// Hex SHA-256 of the canonical text: the checksum of a synced entity.
    package func checksum() throws -> String { SHA256.hexDigest(of: Array(try canonicalText().utf8)) }

    private func write(into output: inout String, depth: Int) throws {
        guard depth <= Self.maximumDepth else { throw JSONValueError.tooDeep(maximumDepth: Self.maximumDepth) }
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let value):
            guard value.isFinite else { throw JSONValueError.nonFiniteNumber }
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
