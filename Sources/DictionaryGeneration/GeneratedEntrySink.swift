package import DictionaryCore
package import GRDB

/// A stored entry: its id and whether this call created it.
package struct StoredEntry: Sendable, Equatable {
    /// The row id (lowercase UUID).
    package var id: String
    /// False when an entry for the same normalized term and language already existed and was kept.
    package var inserted: Bool

    /// Creates a value from its parts.
    package init(id: String, inserted: Bool) {
        self.id = id
        self.inserted = inserted
    }
}

/// Where accepted generated entries go: the dictionary's entry repository. Both methods run inside the caller's
/// write transaction, so storing an entry and marking its queue item done commit together (exactly once).
package protocol GeneratedEntrySink: Sendable {
    /// Whether the dictionary already has an entry for `term` (normalized) in `lang`; generation is skipped then.
    func hasEntry(term: String, lang: String, in db: Database) throws -> Bool
    /// Stores `entry` for `lang`; an existing entry for the same normalized term and language is kept.
    func store(_ entry: GeneratedEntry, lang: String, in db: Database) throws -> StoredEntry
}
