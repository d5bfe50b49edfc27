import DictStore
import GRDB

extension Row {
    /// Decodes a raw-value enum column, turning an unknown value into `ScoresError.corruptRow`.
    func scoresEnum<E: RawRepresentable>(_ type: E.Type, _ column: String, table: String) throws -> E where E.RawValue == String {
        let raw: String = self[column]
        guard let value = E(rawValue: raw) else { throw ScoresError.corruptRow(table: table, column: column, value: raw) }
        return value
    }

    /// Decodes an optional raw-value enum column.
    func scoresOptionalEnum<E: RawRepresentable>(_ type: E.Type, _ column: String, table: String) throws -> E? where E.RawValue == String {
        guard let raw: String = self[column] else { return nil }
        guard let value = E(rawValue: raw) else { throw ScoresError.corruptRow(table: table, column: column, value: raw) }
        return value
    }

    /// Decodes a JSON array of strings stored as text.
    func scoresStringArray(_ column: String, table: String) throws -> [String] {
        let text: String = self[column] ?? "[]"
        guard let strings = JSONText.stringArray(text) else {
            throw ScoresError.corruptRow(table: table, column: column, value: String(text.prefix(80)))
        }
        return strings
    }
}
