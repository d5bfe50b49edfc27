package import DictPostgres
package import DictionaryCore
package import Foundation

/// `dict import entries --database`: a user's JSONL or CSV entry file into PostgreSQL's `dictionary` schema with the
/// SQLite importer's results. The file is parsed and validated by the same code (`EntryFileImporter.parse`, the
/// same `file:line` errors), then written by `PostgresEntryImportStore` in one transaction, whole or nothing:
/// existing terms replaced, kept or refused per `onExisting`; with `skipInvalid` a term `.fail` refuses is reported
/// and left out; the relations the entries' metadata names (kept entries' too) and the exported `relations` of each
/// line linked as on SQLite.
package struct PostgresEntryFileImporter: Sendable {
    package let store: PostgresEntryImportStore

    package init(session: PostgresSession, method: PostgresEntryImportStore.BulkMethod = .copy) {
        store = PostgresEntryImportStore(session: session, method: method)
    }

    /// Reads `path` (`-` is standard input) and imports it (`format` nil: from the extension, else JSONL).
    /// `progress(done, total)` is called before and after the write (one transaction, no batches to report).
    package func importFile(
        at path: String, format: EntryFileFormat? = nil, onExisting: EntryRepository.ExistingEntryPolicy = .replace,
        skipInvalid: Bool = false, progress: (Int, Int) -> Void = { _, _ in }
    ) async throws -> EntryFileImportReport {
        try await importData(EntryFileImporter.read(path), name: path, format: format ?? EntryFileFormat(path: path) ?? .jsonl,
                             onExisting: onExisting, skipInvalid: skipInvalid, progress: progress)
    }

    /// Imports the bytes of one file; `name` names it in errors.
    package func importData(
        _ data: Data, name: String, format: EntryFileFormat, onExisting: EntryRepository.ExistingEntryPolicy = .replace,
        skipInvalid: Bool = false, progress: (Int, Int) -> Void = { _, _ in }
    ) async throws -> EntryFileImportReport {
        let parsed = try EntryFileImporter.parse(data, name: name, format: format, skipInvalid: skipInvalid)
        var report = parsed.report
        let drafts = parsed.drafts, lines = parsed.lines, relationsByKey = parsed.relationsByKey
        progress(0, drafts.count)
        let outcome: PostgresEntryImportStore.WriteOutcome
        do {
            outcome = try await store.write(drafts, onExisting: onExisting, refuseByItem: skipInvalid, linkKept: true) { index in
                relationsByKey[ParsedEntryFile.key(normalized: TermNormalizer.normalize(drafts[index].term), lang: drafts[index].lang)] ?? []
            }
        } catch EntryError.bulkItem(let index, let error) {
            throw EntryFileImportError.invalidRecord(file: name, line: lines[index], problem: .invalidEntry(error))
        }
        progress(drafts.count, drafts.count)
        let refused = outcome.refused.map { SkippedRecord(line: lines[$0.index], reason: EntryRecordProblem.invalidEntry($0.error).description) }
        report.skipped = (report.skipped + refused).sorted { $0.line < $1.line }
        report.written = outcome.changes.count
        report.kept = outcome.kept.count
        report.relationsCreated = outcome.relationsCreated
        report.unresolvedNames = outcome.unresolvedNames
        return report
    }
}
