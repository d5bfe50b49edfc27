import DictMigrations
package import DictStore
package import Foundation
import GRDB

/// The API database's operations: users, the sync protocol (upserts with checksum de-duplication, soft deletes,
/// per-user change sequence, idempotent pushes), repertoire, score annotations and goal progress.
/// Every operation is one read snapshot or one `BEGIN IMMEDIATE` transaction.
package struct APIService: Sendable {
    /// The migrated API database.
    package let database: StoreDatabase
    /// How long a stored idempotent response is replayed (default 24 hours, as the original).
    package let idempotencyTTL: TimeInterval

    /// Wraps an already migrated API database.
    package init(database: StoreDatabase, idempotencyTTL: TimeInterval = 24 * 3600) {
        self.database = database
        self.idempotencyTTL = idempotencyTTL
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

    func requireUser(_ userID: String, db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?)", arguments: [userID]) == true else {
            throw APIError.userNotFound(id: userID)
        }
    }
}

extension Row {
    /// Decodes a raw-value enum column, turning an unknown value into `APIError.corruptRow`.
    func apiEnum<E: RawRepresentable>(_ type: E.Type, _ column: String, table: String) throws -> E where E.RawValue == String {
        let raw: String = self[column]
        guard let value = E(rawValue: raw) else { throw APIError.corruptRow(table: table, column: column, value: raw) }
        return value
    }

    /// Decodes a JSON text column.
    func apiJSON(_ column: String, table: String) throws -> JSONValue {
        let text: String = self[column]
        do { return try JSONValue.parse(text) } catch {
            throw APIError.corruptRow(table: table, column: column, value: String(text.prefix(80)))
        }
    }
}
