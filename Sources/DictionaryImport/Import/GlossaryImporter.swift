import DictStore
package import DictionaryCore
package import Foundation
import GRDB

/// Imports the bundled glossary (`data/glossary/*.jsonl`, one entry per line: `term`, `lang`, `type`,
/// `source_lang?`, `definition`, `references?`, `metadata`, `quality_score`) in one transaction: either every line
/// of every file is stored or nothing is. After the entries, the names in `metadata.related_terms`, `synonyms`,
/// `antonyms` and `translation_of` become `related_terms` rows; names that match no entry are skipped and counted.
package struct GlossaryImporter: Sendable {
    /// Why an import failed; always names the file and the 1-based line.
    package enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
        case unreadableFile(file: String, reason: String)
        case invalidUTF8(file: String, line: Int)
        case invalidJSON(file: String, line: Int, reason: String)
        case invalidEntry(file: String, line: Int, error: EntryError)
        case duplicateEntry(file: String, line: Int, firstFile: String, firstLine: Int)
        case noFiles(searched: String)

        package var description: String {
            switch self {
            case .unreadableFile(let file, let reason): "\(file): cannot read (\(reason))"
            case .invalidUTF8(let file, let line): "\(file):\(line): invalid UTF-8"
            case .invalidJSON(let file, let line, let reason): "\(file):\(line): \(reason)"
            case .invalidEntry(let file, let line, let error): "\(file):\(line): \(error)"
            case .duplicateEntry(let file, let line, let firstFile, let firstLine):
                "\(file):\(line): same term and language as \(firstFile):\(firstLine)"
            case .noFiles(let searched): "no *.jsonl files found in \(searched)"
            }
        }
    }

    /// What an import did.
    package struct Report: Sendable, Hashable {
        package var files = 0
        package var lines = 0
        /// Entries created, or replaced / kept when they already existed (per `onExisting`).
        package var stored = 0
        package var relationsCreated = 0
        package var unresolvedNames = 0
    }

    /// One line of a glossary file.
    struct Record: Decodable {
        var term: String
        var lang: String
        var type: String
        var sourceLang: String?
        var definition: EntryDefinition?
        var references: [String: JSONValue]?
        var metadata: EntryMetadata?
        var qualityScore: QualityScore?
        var langConfidence: Double?
        var aiMetadata: [String: JSONValue]?
        /// Stored relations, as `dict export --format jsonl` writes them (read by `dict import entries`).
        var relations: [Relation]?

        enum CodingKeys: String, CodingKey {
            case term, lang, type, definition, references, metadata, relations
            case sourceLang = "source_lang"
            case qualityScore = "quality_score"
            case langConfidence = "lang_confidence"
            case aiMetadata = "ai_metadata"
        }
    }

    /// One exported relation: the related entry by term and language, the relation type and its confidence.
    struct Relation: Decodable, Hashable {
        var term: String
        var lang: String
        var type: String
        var confidence: Double?
    }

    package let repository: EntryRepository

    package init(repository: EntryRepository) { self.repository = repository }

    /// The glossary files under `directory/data/glossary`, sorted by name.
    package static func defaultFiles(from directory: String) -> [String] {
        let folder = URL(fileURLWithPath: directory).appendingPathComponent("data/glossary")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".jsonl") }.sorted().map { folder.appendingPathComponent($0).path }
    }

    /// Reads and imports `paths`.
    package func importFiles(_ paths: [String], onExisting: EntryRepository.ExistingEntryPolicy = .replace) throws -> Report {
        try importSources(Self.readSources(paths), onExisting: onExisting)
    }

    /// Each path's bytes (`-` is standard input), or the first unreadable one named.
    static func readSources(_ paths: [String]) throws -> [(name: String, data: Data)] {
        try paths.map { path -> (String, Data) in
            do { return (path, try InputFile.read(path)) } catch {
                throw ImportError.unreadableFile(file: path, reason: error.localizedDescription)
            }
        }
    }

    /// Imports JSONL `sources` (name, bytes) in one transaction.
    package func importSources(_ sources: [(name: String, data: Data)], onExisting: EntryRepository.ExistingEntryPolicy = .replace) throws -> Report {
        let (parsed, drafts, origins) = try Self.parse(sources)
        var report = parsed
        let (changes, relations) = try repository.database.bulkWrite { db -> ([EntryChange], (Int, Int)) in
            let entries: [DictionaryEntry]
            let changes: [EntryChange]
            do {
                (entries, changes) = try repository.insertAll(drafts, onExisting: onExisting, db: db)
            } catch EntryError.bulkItem(let index, let error) {
                throw ImportError.invalidEntry(file: origins[index].file, line: origins[index].line, error: error)
            }
            return (changes, try Self.linkRelations(entries: entries.map(RelationSource.init), db: db))
        }
        repository.notify(upserted: changes, deleted: [])
        report.stored = drafts.count
        report.relationsCreated = relations.0
        report.unresolvedNames = relations.1
        return report
    }

    /// Reads every line of `sources` into drafts, in order, with the file and line each came from; the first bad
    /// line (UTF-8, JSON, fields, a term and language seen before) throws naming its file and line.
    static func parse(_ sources: [(name: String, data: Data)]) throws -> (Report, [EntryDraft], [(file: String, line: Int)]) {
        var report = Report()
        var drafts: [EntryDraft] = []
        var origins: [(file: String, line: Int)] = []
        var firstSeen: [String: (file: String, line: Int)] = [:]
        let decoder = JSONDecoder()
        for (name, data) in sources {
            report.files += 1
            var lineNumber = 0
            for lineBytes in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                guard let line = String(validating: lineBytes, as: UTF8.self) else {
                    throw ImportError.invalidUTF8(file: name, line: lineNumber)
                }
                if line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
                report.lines += 1
                let record: Record
                do { record = try decoder.decode(Record.self, from: Data(line.utf8)) } catch {
                    throw ImportError.invalidJSON(file: name, line: lineNumber, reason: Self.describe(error))
                }
                let draft = try Self.draft(from: record, file: name, line: lineNumber)
                let key = TermNormalizer.normalize(draft.term) + "\u{0}" + draft.lang.rawValue
                if let first = firstSeen[key] {
                    throw ImportError.duplicateEntry(file: name, line: lineNumber, firstFile: first.file, firstLine: first.line)
                }
                firstSeen[key] = (name, lineNumber)
                drafts.append(draft)
                origins.append((name, lineNumber))
            }
        }
        return (report, drafts, origins)
    }

    private static func draft(from record: Record, file: String, line: Int) throws -> EntryDraft {
        guard let lang = Language(rawValue: record.lang) else {
            throw ImportError.invalidEntry(file: file, line: line, error: .invalidLanguage(found: record.lang))
        }
        guard let type = TermType(rawValue: record.type) else {
            throw ImportError.invalidEntry(file: file, line: line, error: .invalidType(found: record.type))
        }
        var sourceLang: SourceLanguage?
        if let code = record.sourceLang {
            guard let parsed = SourceLanguage(rawValue: code) else {
                throw ImportError.invalidEntry(file: file, line: line, error: .invalidShape(
                    field: "source_lang", expected: "one of \(SourceLanguage.allCases.map(\.rawValue).joined(separator: ", "))", found: "\"\(code.prefix(40))\""))
            }
            sourceLang = parsed
        }
        return EntryDraft(
            term: record.term, lang: lang, sourceLang: sourceLang, type: type, definition: record.definition ?? EntryDefinition(),
            references: record.references ?? [:], metadata: record.metadata ?? EntryMetadata(),
            qualityScore: record.qualityScore ?? QualityScore(overall: 0))
    }

    /// Inserts relation rows for every imported entry; returns (rows created, names not resolved).
    static func linkRelations(entries: [RelationSource], db: Database) throws -> (Int, Int) {
        var created = 0
        var unresolved = 0
        let resolve = try db.cachedStatement(sql: """
            SELECT id FROM dictionary_entries WHERE normalized_term = ?
            ORDER BY (lang = ?) DESC, (lang = 'en') DESC, overall_score DESC, seq ASC LIMIT 1
            """)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO related_terms (id, entry_id, related_entry_id, relationship_type, confidence_score, created_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """)
        let now = Timestamp.now()
        // Names recur across entries (a synset's words name each other): each (name, language) is normalized and
        // resolved once per call. Linking writes only related_terms, so a resolved target cannot change meanwhile.
        var resolved: [String: [String: String?]] = [:]
        func target(_ name: String, lang: String) throws -> String? {
            if let known = resolved[lang]?[name] { return known }
            let normalized = TermNormalizer.normalize(name)
            let found = normalized.isEmpty ? nil : try String.fetchOne(resolve, arguments: [normalized, lang])
            resolved[lang, default: [:]][name] = .some(found)
            return found
        }
        func link(_ from: String, _ to: String, _ type: String, _ confidence: Double) throws {
            guard from != to else { return }
            try insert.execute(arguments: [RandomRowID.make(), from, to, type, confidence, now])
            created += db.changesCount
        }
        for entry in entries {
            for wanted in entry.wantedLinks {
                guard let target = try target(wanted.name, lang: wanted.lang) else {
                    unresolved += 1
                    continue
                }
                try link(entry.id, target, wanted.type, wanted.confidence)
                if wanted.bothWays { try link(target, entry.id, wanted.type, wanted.confidence) }
            }
        }
        return (created, unresolved)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing key \"\(key.stringValue)\""
        case DecodingError.typeMismatch(let type, let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): expected \(type)"
        case DecodingError.valueNotFound(let type, let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): expected \(type), found null"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "not valid JSON" : "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: "\(error)"
        }
    }
}
