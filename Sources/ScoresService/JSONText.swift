import Foundation

/// JSON text columns holding string arrays (`tags`, `score_ids`), encoded with sorted keys so equal
/// values give equal text.
package enum JSONText {
    package static func encode(_ strings: [String]) -> String {
        // Encoding [String] cannot fail; the fallback keeps the column valid JSON regardless.
        guard let data = try? JSONEncoder().encode(strings) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    package static func decodeStringArray(_ text: String, table: String, column: String) throws -> [String] {
        guard let strings = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
            throw ScoresError.corruptRow(table: table, column: column, value: String(text.prefix(80)))
        }
        return strings
    }
}
