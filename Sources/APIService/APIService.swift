import DictMigrations
package import DictStore
package import Foundation

/// The API database's operations: users, the sync protocol (upserts with checksum de-duplication, soft deletes,
/// per-user change sequence, idempotent pushes), repertoire, score annotations and goal progress.
/// The rules live here; the statements in an `APIStore` (SQLite or PostgreSQL), each operation one transaction.
package struct APIService: Sendable {
    /// Where the API data is stored.
    package let store: any APIStore
    /// How long a stored idempotent response is replayed (default 24 hours, as the original).
    package let idempotencyTTL: TimeInterval

    /// The service over `store`.
    package init(store: any APIStore, idempotencyTTL: TimeInterval = 24 * 3600) {
        self.store = store
        self.idempotencyTTL = idempotencyTTL
    }

    /// Wraps an already migrated SQLite API database.
    package init(database: StoreDatabase, idempotencyTTL: TimeInterval = 24 * 3600) {
        self.init(store: SQLiteAPIStore(database: database), idempotencyTTL: idempotencyTTL)
    }

    /// Opens (creating and migrating) `api.db` in `dataDirectory`, or `:memory:`.
    package static func open(dataDirectory: String, idempotencyTTL: TimeInterval = 24 * 3600) throws -> APIService {
        APIService(database: try Service.api.open(dataDirectory: dataDirectory), idempotencyTTL: idempotencyTTL)
    }

    /// A fresh lowercase RFC 4122 UUID, the primary-key format of every table.
    static func newID() -> String { UUID().uuidString.lowercased() }

    static func requireText(_ text: String, field: String, maximumLength: Int = 255) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw APIError.invalidInput(field: field, reason: "empty") }
        guard trimmed.count <= maximumLength else {
            throw APIError.invalidInput(field: field, reason: "longer than \(maximumLength) characters")
        }
        return trimmed
    }

    static func optionalText(_ text: String?, field: String, maximumLength: Int = 255) throws -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try requireText(text, field: field, maximumLength: maximumLength)
    }
}
