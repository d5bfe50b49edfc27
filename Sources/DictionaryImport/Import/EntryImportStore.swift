package import DictionaryCore

/// Where a bulk import writes: one transaction that inserts the drafts, whole or nothing, with their embedding-queue
/// items, and links the relations the written entries' metadata names (`RelationSource.wantedLinks`). Importers parse
/// and validate the same way for every engine and hand the drafts here; `SQLiteEntryImportStore` is the first
/// conformer, `PostgresEntryImportStore` the second.
package protocol EntryImportStore: Sendable {
    /// Writes `drafts` (an existing `(normalized_term, lang)` is kept, replaced or refused per `policy`). A draft
    /// that fails validation or collides throws `EntryError.bulkItem(index:error:)` with its position and nothing
    /// is written.
    func importEntries(_ drafts: [EntryDraft], onExisting policy: EntryRepository.ExistingEntryPolicy) async throws -> EntryImportOutcome
}

/// What one `importEntries` call wrote.
package struct EntryImportOutcome: Sendable {
    /// The written entries (created or replaced), in draft order; kept drafts have none.
    package var changes: [EntryChange]
    package var relationsCreated: Int
    /// Related names that matched no entry.
    package var unresolvedNames: Int
}
