import DictMigrations
package import DictStore
import Foundation
import GRDB

/// The scores database's operations: scores with duplicate detection, versions, pages, collections,
/// analytics counters and indexed search. Thread-safe: every operation is one read snapshot or one
/// `BEGIN IMMEDIATE` transaction on the underlying `StoreDatabase`.
package struct ScoresService: Sendable {
    /// The migrated scores database.
    package let database: StoreDatabase

    /// Wraps an already migrated scores database.
    package init(database: StoreDatabase) {
        self.database = database
    }

    /// Opens (creating and migrating) `scores.db` in `dataDirectory`, or `:memory:`.
    package static func open(dataDirectory: String) throws -> ScoresService {
        ScoresService(database: try Service.scores.open(dataDirectory: dataDirectory))
    }

    /// A fresh lowercase RFC 4122 UUID, the primary-key format of every table.
    static func newID() -> String { UUID().uuidString.lowercased() }

    /// Maximum length accepted for titles, names and other free text.
    static let maximumTextLength = 500

    static func requireText(_ text: String, field: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw ScoresError.invalidInput(field: field, reason: "empty") }
        guard trimmed.count <= maximumTextLength else {
            throw ScoresError.invalidInput(field: field, reason: "longer than \(maximumTextLength) characters")
        }
        return trimmed
    }

    static func optionalText(_ text: String?, field: String) throws -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try requireText(text, field: field)
    }

    /// URL slug: folded text (see `ScoreNormalizer.fold`), at most 100 characters.
    static func slug(_ text: String) -> String {
        String(ScoreNormalizer.fold(text).prefix(100)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }
}
