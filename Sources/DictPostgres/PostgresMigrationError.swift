/// Why the PostgreSQL migration runner refused to start (the shared cases are `DictStore.MigrationError`).
package enum PostgresMigrationError: Error, Equatable, CustomStringConvertible {
    case badSchemaName(String)
    case notMigrated(schema: String, location: String, pending: Int)

    package var description: String {
        switch self {
        case .badSchemaName(let name):
            "a service schema name must be lowercase letters, digits and underscores, found \"\(name)\""
        case .notMigrated(let schema, let location, let pending):
            "the \(schema) schema at \(location) has \(pending) pending migration(s); run: dict migrate --database URL"
        }
    }
}
