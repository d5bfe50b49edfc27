import DictStore
package import DictionaryCore

/// The SQLite import store: `EntryRepository.insertAllWithoutReadBack` and `GlossaryImporter.linkRelations` in one
/// `bulkWrite` transaction, then the repository's observers hear about the written entries.
package struct SQLiteEntryImportStore: EntryImportStore {
    package let repository: EntryRepository

    package init(repository: EntryRepository) { self.repository = repository }

    package func importEntries(_ drafts: [EntryDraft], onExisting policy: EntryRepository.ExistingEntryPolicy) async throws -> EntryImportOutcome {
        try importEntriesNow(drafts, onExisting: policy)
    }

    /// The same, for synchronous callers.
    package func importEntriesNow(_ drafts: [EntryDraft], onExisting policy: EntryRepository.ExistingEntryPolicy) throws -> EntryImportOutcome {
        let (changes, relations) = try repository.database.bulkWrite { db -> ([EntryChange], (Int, Int)) in
            let written = try repository.insertAllWithoutReadBack(drafts, onExisting: policy, db: db)
            // Relations only for the entries this import wrote (kept entries keep their own), read from the drafts:
            // the stored metadata holds the same names.
            let sources = written.map { RelationSource(id: $0.change.id, lang: drafts[$0.draft].lang, metadata: drafts[$0.draft].metadata) }
            return (written.map(\.change), try GlossaryImporter.linkRelations(entries: sources, db: db))
        }
        repository.notify(upserted: changes, deleted: [])
        return EntryImportOutcome(changes: changes, relationsCreated: relations.0, unresolvedNames: relations.1)
    }
}
