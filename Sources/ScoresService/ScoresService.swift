import DictMigrations
package import DictStore
import Foundation

/// The scores database's operations: scores with duplicate detection, versions, pages, collections,
/// analytics counters and indexed search. The rules live here; the statements in a `ScoresStore` (SQLite or
/// PostgreSQL), each operation one transaction.
package struct ScoresService: Sendable {
    /// Where the scores data is stored.
    package let store: any ScoresStore

    /// The service over `store`.
    package init(store: any ScoresStore) {
        self.store = store
    }

    /// Wraps an already migrated SQLite scores database.
    package init(database: StoreDatabase) {
        self.init(store: SQLiteScoresStore(database: database))
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

    // MARK: Rules the stores apply inside their transactions

    /// The normalized id of a validated score whose composer's canonical name (through `composer_aliases`) is
    /// `canonical`; `ScoresError.invalidInput` when the title has no letters or digits.
    static func normalizedID(of input: NewScore, canonicalComposer canonical: String?) throws -> String {
        guard let id = ScoreNormalizer.normalizedID(title: input.title, composer: input.composer, opus: input.opus, canonicalComposer: canonical) else {
            throw ScoresError.invalidInput(field: "title", reason: "has no letters or digits")
        }
        return id
    }

    /// The slug a new score starts from (title and opus); `uniqueSlug` then adds `-2`, `-3`… while it is taken.
    static func slugBase(of input: NewScore) -> String {
        slug([input.title, input.opus].compactMap { $0 }.joined(separator: " "))
    }

    /// The tags of `score` after merging a duplicate `input` into it: the stored ones, then the new ones, once each.
    static func mergedTags(_ score: Score, _ input: NewScore) -> [String] {
        uniqued(score.tags + input.tags)
    }

    static func uniqued(_ strings: [String]) -> [String] {
        var seen = Set<String>()
        return strings.filter { seen.insert($0).inserted }
    }
}
