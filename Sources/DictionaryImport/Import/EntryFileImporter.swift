import DictStore
package import DictionaryCore
package import Foundation
import GRDB

/// Imports entries from a user's JSONL file (the glossary's line shape: `term`, `lang`, `type`, `definition`,
/// `metadata`, `quality_score`, `references?`) or CSV file (header row; `term,lang,type,concise,detailed` plus optional
/// `etymology,usage_example,synonyms,related_terms,overall`; list cells separated by `; `). Every record is parsed and
/// validated before the write; the whole file is then stored in one transaction with cached prepared statements,
/// followed by the glossary's relation linking. By default the first bad record aborts with `file:line: reason`
/// and nothing is written; with `skipInvalid` bad records are reported in the result and the rest is imported.
package struct EntryFileImporter: Sendable {
    /// Entries written per `insertAll` call inside the one transaction (the progress granularity).
    static let batchSize = 1000

    package let repository: EntryRepository

    package init(repository: EntryRepository) { self.repository = repository }

    /// Reads `path` and imports it (`format` nil: from the extension, else JSONL).
    /// `progress(done, total)` is called after each written batch.
    package func importFile(
        at path: String, format: EntryFileFormat? = nil, onExisting: EntryRepository.ExistingEntryPolicy = .replace,
        skipInvalid: Bool = false, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> EntryFileImportReport {
        try importData(Self.read(path), name: path, format: format ?? EntryFileFormat(path: path) ?? .jsonl,
                       onExisting: onExisting, skipInvalid: skipInvalid, progress: progress)
    }

    /// Imports the bytes of one file; `name` names it in errors.
    package func importData(
        _ data: Data, name: String, format: EntryFileFormat, onExisting: EntryRepository.ExistingEntryPolicy = .replace,
        skipInvalid: Bool = false, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> EntryFileImportReport {
        let parsed = try Self.parse(data, name: name, format: format, skipInvalid: skipInvalid)
        var report = parsed.report
        let drafts = parsed.drafts, lines = parsed.lines, relationsByKey = parsed.relationsByKey
        let (changes, relations, kept, skippedAtWrite) = try repository.database.bulkWrite { db in
            var entries: [DictionaryEntry] = []
            var changes: [EntryChange] = []
            var skipped: [SkippedRecord] = []
            entries.reserveCapacity(drafts.count)
            progress(0, drafts.count)
            var start = 0
            while start < drafts.count {
                let end = min(start + Self.batchSize, drafts.count)
                if skipInvalid {
                    // Per-record savepoints so a record the database refuses (e.g. an existing term with
                    // `onExisting: .fail`) is left out without losing the rest of the batch.
                    for index in start..<end {
                        do {
                            try db.inSavepoint {
                                let (stored, changed) = try repository.insertAll([drafts[index]], onExisting: onExisting, db: db)
                                entries += stored
                                changes += changed
                                return .commit
                            }
                        } catch EntryError.bulkItem(_, let error) {
                            skipped.append(SkippedRecord(line: lines[index], reason: EntryRecordProblem.invalidEntry(error).description))
                        }
                    }
                } else {
                    do {
                        let (stored, changed) = try repository.insertAll(Array(drafts[start..<end]), onExisting: onExisting, db: db)
                        entries += stored
                        changes += changed
                    } catch EntryError.bulkItem(let index, let error) {
                        throw EntryFileImportError.invalidRecord(file: name, line: lines[start + index], problem: .invalidEntry(error))
                    }
                }
                progress(end, drafts.count)
                start = end
            }
            var relations = try GlossaryImporter.linkRelations(entries: entries.map(RelationSource.init), db: db)
            let exported = try Self.linkExportedRelations(entries: entries, relationsByKey: relationsByKey, db: db)
            relations.0 += exported.0
            relations.1 += exported.1
            return (changes, relations, entries.count - changes.count, skipped)
        }
        repository.notify(upserted: changes, deleted: [])
        report.skipped = (report.skipped + skippedAtWrite).sorted { $0.line < $1.line }
        report.written = changes.count
        report.kept = kept
        report.relationsCreated = relations.0
        report.unresolvedNames = relations.1
        return report
    }

    /// The bytes of `path` (`-` is standard input).
    static func read(_ path: String) throws -> Data {
        do { return try InputFile.read(path) } catch {
            throw EntryFileImportError.unreadableFile(file: path, reason: error.localizedDescription)
        }
    }

    /// Parses and validates the bytes of one file (every engine's first step): a bad record throws
    /// `EntryFileImportError.invalidRecord` with its line, or with `skipInvalid` is listed in the report; two records
    /// with the same normalized term and language are refused by the later one's line; an empty file throws.
    static func parse(_ data: Data, name: String, format: EntryFileFormat, skipInvalid: Bool) throws -> ParsedEntryFile {
        var file = ParsedEntryFile()
        var firstSeen: [String: Int] = [:]
        func reject(_ line: Int, _ problem: EntryRecordProblem) throws {
            guard skipInvalid else { throw EntryFileImportError.invalidRecord(file: name, line: line, problem: problem) }
            file.report.skipped.append(SkippedRecord(line: line, reason: problem.description))
        }
        let parsed = try format == .csv
            ? parseCSV([UInt8](data), name: name).map { ($0.0, $0.1, [GlossaryImporter.Relation]()) }
            : parseJSONLWithRelations(data)
        for (line, result, relations) in parsed {
            file.report.records += 1
            do {
                let draft = try result.get()
                let keys: (normalized: String, folded: String)
                do { keys = try EntryValidator.validate(draft) } catch let error as EntryError { throw EntryRecordProblem.invalidEntry(error) }
                let key = ParsedEntryFile.key(normalized: keys.normalized, lang: draft.lang)
                if let first = firstSeen[key] { throw EntryRecordProblem.duplicate(firstLine: first) }
                firstSeen[key] = line
                file.drafts.append(draft)
                file.lines.append(line)
                // Exported relations, linked after every entry is written.
                if !relations.isEmpty { file.relationsByKey[key] = relations }
            } catch let problem as EntryRecordProblem {
                try reject(line, problem)
            }
        }
        guard file.report.records > 0 else { throw EntryFileImportError.emptyFile(file: name) }
        return file
    }

    /// Non-blank JSONL lines with their 1-based numbers, each decoded to a draft or to the reason it failed.
    static func parseJSONL(_ data: Data) -> [(Int, Result<EntryDraft, EntryRecordProblem>)] {
        parseJSONLWithRelations(data).map { ($0.0, $0.1) }
    }

    /// As `parseJSONL`, with each line's exported `relations`.
    static func parseJSONLWithRelations(_ data: Data) -> [(Int, Result<EntryDraft, EntryRecordProblem>, [GlossaryImporter.Relation])] {
        var results: [(Int, Result<EntryDraft, EntryRecordProblem>, [GlossaryImporter.Relation])] = []
        let decoder = JSONDecoder()
        var lineNumber = 0
        for lineBytes in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard let line = String(validating: lineBytes, as: UTF8.self) else {
                results.append((lineNumber, .failure(.invalidUTF8), []))
                continue
            }
            if line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            do {
                let record = try decoder.decode(GlossaryImporter.Record.self, from: Data(line.utf8))
                results.append((lineNumber, Result { () throws(EntryRecordProblem) in try draft(from: record) }, record.relations ?? []))
            } catch {
                results.append((lineNumber, .failure(.invalidJSON(reason: JSONProblem.describe(error))), []))
            }
        }
        return results
    }

    /// The `related_terms.relationship_type` values the schema allows; other types count as unresolved.
    static let relationTypes: Set<String> = ["synonym", "antonym", "see_also", "broader", "narrower", "related"]

    /// Links the `relations` of exported lines (their stored relations, WordNet's included) to the entries they name
    /// by normalized term and language; returns (created, unresolved). A relation the metadata lists already created
    /// is not duplicated (the insert ignores an existing (entry, related entry, type) row).
    static func linkExportedRelations(
        entries: [DictionaryEntry], relationsByKey: [String: [GlossaryImporter.Relation]], db: Database
    ) throws -> (Int, Int) {
        guard !relationsByKey.isEmpty else { return (0, 0) }
        let resolve = try db.cachedStatement(sql: "SELECT id FROM dictionary_entries WHERE normalized_term = ? AND lang = ?")
        let insert = try db.cachedStatement(sql: """
            INSERT INTO related_terms (id, entry_id, related_entry_id, relationship_type, confidence_score, created_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """)
        let now = Timestamp.now()
        var created = 0
        var unresolved = 0
        for entry in entries {
            for relation in relationsByKey[entry.normalizedTerm + "\u{0}" + entry.lang.rawValue] ?? [] {
                guard Self.relationTypes.contains(relation.type),
                      let target = try String.fetchOne(resolve, arguments: [TermNormalizer.normalize(relation.term), relation.lang]),
                      target != entry.id else {
                    unresolved += 1
                    continue
                }
                try insert.execute(arguments: [
                    RandomRowID.make(), entry.id, target, relation.type, relation.confidence ?? 0.8, now,
                ])
                created += db.changesCount
            }
        }
        return (created, unresolved)
    }

    /// CSV records after the header, each turned into a draft or the reason it failed.
    static func parseCSV(_ bytes: [UInt8], name: String) throws -> [(Int, Result<EntryDraft, EntryRecordProblem>)] {
        var reader = CSVRecordReader(bytes)
        guard let headerRecord = reader.next() else { throw EntryFileImportError.emptyFile(file: name) }
        let header: [String]
        switch headerRecord.fields {
        case .success(let fields): header = fields
        case .failure(let problem): throw EntryFileImportError.invalidRecord(file: name, line: headerRecord.line, problem: problem)
        }
        let columns = try EntryCSVColumns(header: header, file: name)
        var results: [(Int, Result<EntryDraft, EntryRecordProblem>)] = []
        while let record = reader.next() {
            switch record.fields {
            case .success(let fields): results.append((record.line, Result { () throws(EntryRecordProblem) in try columns.draft(from: fields) }))
            case .failure(let problem): results.append((record.line, .failure(problem)))
            }
        }
        return results
    }

    /// The draft of one decoded JSONL record.
    static func draft(from record: GlossaryImporter.Record) throws(EntryRecordProblem) -> EntryDraft {
        guard let lang = Language(rawValue: record.lang) else { throw .invalidEntry(.invalidLanguage(found: String(record.lang.prefix(40)))) }
        guard let type = TermType(rawValue: record.type) else { throw .invalidEntry(.invalidType(found: String(record.type.prefix(40)))) }
        var sourceLang: SourceLanguage?
        if let code = record.sourceLang {
            guard let parsed = SourceLanguage(rawValue: code) else {
                throw .invalidEntry(.invalidShape(
                    field: "source_lang", expected: "one of \(SourceLanguage.allCases.map(\.rawValue).joined(separator: ", "))",
                    found: "\"\(code.prefix(40))\""))
            }
            sourceLang = parsed
        }
        // Popularity counters are the dictionary's own columns; an exported copy in `metadata` is not imported.
        var metadata = record.metadata ?? EntryMetadata()
        metadata.searchFrequency = nil
        metadata.lastAccessed = nil
        return EntryDraft(
            term: record.term, lang: lang, sourceLang: sourceLang, langConfidence: record.langConfidence ?? 1, type: type,
            definition: record.definition ?? EntryDefinition(), references: record.references ?? [:], metadata: metadata,
            qualityScore: record.qualityScore ?? QualityScore(overall: 0), aiMetadata: record.aiMetadata ?? [:])
    }
}
