import Foundation
package import GRDB

/// Conversions between JSON text columns, database rows and Foundation JSON objects (queue payloads, string-array
/// columns such as `tags` and `score_ids`).
package enum JSONText {
    /// Compact JSON with sorted keys (stable text for tests and diffs); `{}` if `object` cannot be encoded.
    package static func encode(_ object: Any) -> String {
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses `text` as JSON (any top-level value), or nil.
    package static func decode(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// Parses a JSON array of strings, or nil when `text` is anything else.
    package static func stringArray(_ text: String) -> [String]? {
        guard let array = decode(text) as? [Any] else { return nil }
        var strings: [String] = []
        for element in array {
            guard let string = element as? String else { return nil }
            strings.append(string)
        }
        return strings
    }

    /// A row as a JSON object: column name → string, number or null (blobs become base64 strings).
    package static func object(from row: Row) -> [String: Any] {
        var object: [String: Any] = [:]
        for (column, value) in row {
            switch value.storage {
            case .null: object[column] = NSNull()
            case .int64(let int): object[column] = int
            case .double(let double): object[column] = double.isFinite ? double : NSNull()
            case .string(let string): object[column] = string
            case .blob(let data): object[column] = data.base64EncodedString()
            }
        }
        return object
    }

    /// A JSON value as a database value (strings, integers, reals, booleans as 0/1, null); nil for arrays/objects.
    package static func databaseValue(_ value: Any) -> DatabaseValue? {
        switch value {
        case is NSNull: return .null
        case let string as String: return string.databaseValue
        case let int as Int: return int.databaseValue
        case let int as Int64: return int.databaseValue
        case let bool as Bool: return (bool ? 1 : 0).databaseValue
        case let double as Double:
            if double.rounded() == double, abs(double) < 9.0e15 { return Int64(double).databaseValue }
            return double.databaseValue
        case let number as NSNumber:
            let double = number.doubleValue
            if double.rounded() == double, abs(double) < 9.0e15 { return number.int64Value.databaseValue }
            return double.databaseValue
        default: return nil
        }
    }
}
