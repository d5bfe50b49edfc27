import DictStore

/// Decoding of stored values both engines share: an unknown enum value or unreadable JSON (a row written by
/// something else) becomes `ScoresError.corruptRow`.
enum ScoresColumn {
    /// A raw-value enum column.
    static func enumValue<E: RawRepresentable>(_ raw: String, _ type: E.Type, column: String, table: String) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: raw) else { throw ScoresError.corruptRow(table: table, column: column, value: raw) }
        return value
    }

    /// An optional raw-value enum column.
    static func optionalEnum<E: RawRepresentable>(_ raw: String?, _ type: E.Type, column: String, table: String) throws -> E? where E.RawValue == String {
        try raw.map { try enumValue($0, type, column: column, table: table) }
    }

    /// A JSON array of strings stored as text (NULL read as empty).
    static func strings(_ text: String?, column: String, table: String) throws -> [String] {
        let text = text ?? "[]"
        guard let strings = JSONText.stringArray(text) else {
            throw ScoresError.corruptRow(table: table, column: column, value: String(text.prefix(80)))
        }
        return strings
    }
}
