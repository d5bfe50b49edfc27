import DictStore

/// Decoding of stored values both engines share: an unknown enum value or unreadable JSON (a row written by
/// something else) becomes `APIError.corruptRow`.
enum APIColumn {
    /// A raw-value enum column.
    static func enumValue<E: RawRepresentable>(_ raw: String, _ type: E.Type, column: String, table: String) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: raw) else { throw APIError.corruptRow(table: table, column: column, value: raw) }
        return value
    }

    /// A JSON text column.
    static func json(_ text: String, column: String, table: String) throws -> JSONValue {
        do { return try JSONValue.parse(text) } catch {
            throw APIError.corruptRow(table: table, column: column, value: String(text.prefix(80)))
        }
    }

    /// `user_repertoire.reference_links`: a JSON array whose strings are the links.
    static func links(_ text: String) throws -> [String] {
        guard case .array(let items) = try json(text, column: "reference_links", table: "user_repertoire") else {
            throw APIError.corruptRow(table: "user_repertoire", column: "reference_links", value: "not an array")
        }
        return items.compactMap { if case .string(let link) = $0 { link } else { nil } }
    }
}
