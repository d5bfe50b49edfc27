package import DictMigrations
package import DictStore

/// Where a test database lives; tests take both so every body runs against `:memory:` and a WAL file.
package enum DatabaseKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case memory
    case file

    package var description: String { rawValue }

    /// A migrated database of `service`, plus the temporary folder that keeps a file database alive.
    package func open(_ service: Service, migrate: Bool = true) throws -> (database: StoreDatabase, directory: TemporaryDirectory?) {
        switch self {
        case .memory:
            return (try service.open(dataDirectory: ":memory:", migrate: migrate), nil)
        case .file:
            let directory = try TemporaryDirectory()
            return (try service.open(dataDirectory: directory.path, migrate: migrate), directory)
        }
    }
}
