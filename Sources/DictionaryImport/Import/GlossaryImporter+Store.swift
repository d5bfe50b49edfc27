package import DictionaryCore

extension GlossaryImporter {
    /// Reads `paths` and imports them through `store` (PostgreSQL, or SQLite through `SQLiteEntryImportStore`) in
    /// one transaction. The lines are parsed and checked as `importFiles` does; relations are linked for the entries
    /// this import wrote (a kept entry keeps its own).
    package static func importFiles(
        _ paths: [String], into store: any EntryImportStore, onExisting: EntryRepository.ExistingEntryPolicy = .replace
    ) async throws -> Report {
        let (parsed, drafts, origins) = try parse(readSources(paths))
        var report = parsed
        let outcome: EntryImportOutcome
        do {
            outcome = try await store.importEntries(drafts, onExisting: onExisting)
        } catch EntryError.bulkItem(let index, let error) {
            throw ImportError.invalidEntry(file: origins[index].file, line: origins[index].line, error: error)
        }
        report.stored = outcome.changes.count
        report.relationsCreated = outcome.relationsCreated
        report.unresolvedNames = outcome.unresolvedNames
        return report
    }
}
