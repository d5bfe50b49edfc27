/// Why the PostgreSQL migration runner refused to start (the shared cases are `DictStore.MigrationError`).
package enum PostgresMigrationError: Error, Equatable, CustomStringConvertible {
    case badSchemaName(String)

    package var description: String {
        switch self {
        case .badSchemaName(let name):
            "a service schema name must be lowercase letters, digits and underscores, found \"\(name)\""
        }
    }
}
