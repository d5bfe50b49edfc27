import DictMigrations
package import DictStore
import DictionaryCore
import Foundation
import GRDB

/// Writes dictionary entries to a JSON, CSV or SQLite file, streaming rows from one read snapshot, and records
/// the export in `export_history`. The original's "sqlite" export was a SQL text dump that omitted `lang`; ours
/// is a real database file with the same schema. Its CSV quoted only four columns and had no language; ours quotes
/// every field that needs it (RFC 4180) and has a Language column.
package struct EntryExporter: Sendable {
    private let database: StoreDatabase

    package init(database: StoreDatabase) {
        self.database = database
    }

    /// The CSV header row: exactly the columns `dict import entries` reads, so an export imports back.
    package static let csvHeader = EntryCSVColumns.required + EntryCSVColumns.optional

    /// One JSONL export line: the fields `dict import entries` reads (`EntryFileImporter.Record`), plus the entry's
    /// stored relations (`relations`: related term, its language, relation type and confidence) so relations that
    /// did not come from the metadata lists (WordNet's) survive a round trip. Ids and timestamps are not exported:
    /// an import creates its own.
    static let entryImportJSONColumn = """
        json_object('term', e.term, 'lang', e.lang, 'source_lang', e.source_lang, 'lang_confidence', e.lang_confidence,
          'type', e.type, 'definition', json(e.definition), 'references', json(e.refs), 'metadata', json(e.metadata),
          'quality_score', json_set(e.quality_score, '$.overall', e.overall_score), 'ai_metadata', json(e.ai_metadata),
          'relations', (SELECT json_group_array(json_object('term', t.term, 'lang', t.lang, 'type', r.relationship_type,
                                                            'confidence', r.confidence_score))
                        FROM related_terms r JOIN dictionary_entries t ON t.id = r.related_entry_id WHERE r.entry_id = e.id))
        """

    /// The entry JSON of the HTTP API (`refs` exposed as `references`, popularity folded into `metadata`),
    /// built by SQLite so export streams without decoding every entry.
    static let entryJSONColumn = """
        json_object('id', e.id, 'term', e.term, 'normalized_term', e.normalized_term, 'lang', e.lang,
          'source_lang', e.source_lang, 'lang_confidence', e.lang_confidence, 'type', e.type,
          'definition', json(e.definition), 'references', json(e.refs),
          'metadata', json_set(e.metadata, '$.search_frequency', e.search_frequency),
          'quality_score', json_set(e.quality_score, '$.overall', e.overall_score),
          'created_at', e.created_at, 'updated_at', e.updated_at, 'version', e.version)
        """

    /// Exports the entries that match `filter` to `path` (which must not exist) and records it.
    package func export(format: ExportFormat, filter: ExportFilter = ExportFilter(), to path: String,
                       requestedBy: String = "cli") throws -> ExportResult {
        try Self.validate(filter)
        guard !FileManager.default.fileExists(atPath: path) else { throw ExportError.outputExists(path: path) }
        let count: Int
        do {
            switch format {
            case .json: count = try writeJSON(filter: filter, to: path)
            case .jsonl: count = try writeJSONLines(filter: filter, to: path)
            case .csv: count = try writeCSV(filter: filter, to: path)
            case .sqlite: count = try writeSQLite(filter: filter, to: path)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let id = RandomRowID.make()
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO export_history (id, export_type, format, filters, total_entries, file_size_bytes, storage_url, requested_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, filter.isFiltered ? "filtered" : "full", format.historyName, filter.json, count, size, path, requestedBy])
        }
        return ExportResult(id: id, format: format, path: path, entryCount: count, sizeBytes: size)
    }

    /// Refuses a filter naming an unknown language or type, or a quality or limit out of range.
    static func validate(_ filter: ExportFilter) throws {
        let languages = ["en", "es", "fr", "de", "zh-CN", "zh-TW"]
        let types = ["tempo", "dynamics", "articulation", "form", "genre", "instrument", "technique", "theory",
                     "composer", "period", "notation", "general"]
        if let bad = filter.languages.first(where: { !languages.contains($0) }) {
            throw ExportError.invalidFilter(field: "language", expected: languages.joined(separator: ", "), found: bad)
        }
        if let bad = filter.types.first(where: { !types.contains($0) }) {
            throw ExportError.invalidFilter(field: "type", expected: types.joined(separator: ", "), found: bad)
        }
        if let minQuality = filter.minQuality, !(0...100).contains(minQuality) {
            throw ExportError.invalidFilter(field: "min_quality", expected: "0 to 100", found: "\(minQuality)")
        }
        if let limit = filter.limit, !(1...1_000_000).contains(limit) {
            throw ExportError.invalidFilter(field: "limit", expected: "1 to 1000000", found: "\(limit)")
        }
    }

    private func selection(_ columns: String, filter: ExportFilter) -> (String, StatementArguments) {
        let (condition, arguments) = filter.whereClause()
        var sql = "SELECT \(columns) FROM dictionary_entries e WHERE \(condition) ORDER BY e.overall_score DESC, e.normalized_term, e.lang"
        var values: [any DatabaseValueConvertible] = arguments.map { $0 as any DatabaseValueConvertible }
        if let limit = filter.limit {
            sql += " LIMIT ?"
            values.append(limit)
        }
        return (sql, StatementArguments(values))
    }

    private func open(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ExportError.cannotWrite(path: path, reason: "cannot create the file")
        }
        return handle
    }

    private func writeJSON(filter: ExportFilter, to path: String) throws -> Int {
        let handle = try open(path)
        defer { try? handle.close() }
        var writer = BufferedWriter(handle: handle)
        let (sql, arguments) = selection(Self.entryJSONColumn, filter: filter)
        var count = 0
        try database.read { db in
            try writer.write("{\"format\":\"json\",\"exported_at\":\"\(Timestamp.now())\",\"data\":[")
            let cursor = try String.fetchCursor(db, sql: sql, arguments: arguments)
            while let entry = try cursor.next() {
                try writer.write(count == 0 ? "\n" : ",\n")
                try writer.write(entry)
                count += 1
            }
            try writer.write("\n],\"count\":\(count)}\n")
        }
        try writer.flush()
        return count
    }

    private func writeJSONLines(filter: ExportFilter, to path: String) throws -> Int {
        let handle = try open(path)
        defer { try? handle.close() }
        var writer = BufferedWriter(handle: handle)
        let (sql, arguments) = selection(Self.entryImportJSONColumn, filter: filter)
        var count = 0
        try database.read { db in
            let cursor = try String.fetchCursor(db, sql: sql, arguments: arguments)
            while let entry = try cursor.next() {
                try writer.write(entry)
                try writer.write("\n")
                count += 1
            }
        }
        try writer.flush()
        return count
    }

    private func writeCSV(filter: ExportFilter, to path: String) throws -> Int {
        let handle = try open(path)
        defer { try? handle.close() }
        var writer = BufferedWriter(handle: handle)
        // In `csvHeader` order; list cells joined by "; " as the importer splits them.
        func list(_ path: String) -> String {
            "(SELECT group_concat(value, '; ') FROM json_each(e.metadata, '$.\(path)') WHERE type = 'text')"
        }
        let columns = """
            e.term, e.lang, e.type,
            json_extract(e.definition, '$.concise'), json_extract(e.definition, '$.detailed'),
            json_extract(e.definition, '$.etymology'), json_extract(e.definition, '$.usage_example'),
            json_extract(e.definition, '$.pronunciation.ipa'),
            \(list("synonyms")), \(list("antonyms")), \(list("related_terms")), \(list("categories")), e.overall_score
            """
        let (sql, arguments) = selection(columns, filter: filter)
        var count = 0
        try database.read { db in
            try writer.write(Self.csvHeader.map(CSVField.quote).joined(separator: ",") + "\r\n")
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try cursor.next() {
                var fields: [String] = []
                fields.reserveCapacity(Self.csvHeader.count)
                for index in 0..<Self.csvHeader.count {
                    let value = row[index] as DatabaseValue
                    switch value.storage {
                    case .null: fields.append("")
                    case .int64(let number): fields.append(String(number))
                    case .double(let number): fields.append(number == number.rounded() ? String(Int64(number)) : String(number))
                    case .string(let text): fields.append(CSVField.quote(text))
                    case .blob: fields.append("")
                    }
                }
                try writer.write(fields.joined(separator: ",") + "\r\n")
                count += 1
            }
        }
        try writer.flush()
        return count
    }

    private func writeSQLite(filter: ExportFilter, to path: String) throws -> Int {
        // A fresh database with the dictionary schema, filled through ATTACH so rows never pass through Swift.
        do {
            let target = try StoreDatabase(location: .file(path: path))
            try Service.dictionary.migrationRunner().migrate(target)
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let (condition, arguments) = filter.whereClause()
        let limit = filter.limit.map { " LIMIT \($0)" } ?? ""
        return try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS export_target", arguments: [path])
            defer { try? db.execute(sql: "DETACH DATABASE export_target") }
            var count = 0
            try db.inTransaction(.immediate) {
                try db.execute(sql: """
                    CREATE TEMP TABLE export_ids AS
                    SELECT e.id FROM dictionary_entries e WHERE \(condition)
                    ORDER BY e.overall_score DESC, e.normalized_term, e.lang\(limit)
                    """, arguments: StatementArguments(arguments))
                defer { try? db.execute(sql: "DROP TABLE temp.export_ids") }
                let entryColumns = """
                    id, term, normalized_term, folded_term, lang, source_lang, lang_confidence, type, definition, refs,
                    metadata, quality_score, overall_score, ai_metadata, search_frequency, last_accessed, created_at,
                    updated_at, version
                    """
                try db.execute(sql: """
                    INSERT INTO export_target.dictionary_entries (\(entryColumns))
                    SELECT \(entryColumns) FROM main.dictionary_entries WHERE id IN (SELECT id FROM temp.export_ids)
                    """)
                count = db.changesCount
                try db.execute(sql: """
                    INSERT INTO export_target.related_terms
                    SELECT * FROM main.related_terms
                    WHERE entry_id IN (SELECT id FROM temp.export_ids) AND related_entry_id IN (SELECT id FROM temp.export_ids)
                    """)
                try db.execute(sql: """
                    INSERT INTO export_target.term_embeddings (entry_id, model, dimension, chunk, embedding, source_hash, created_at)
                    SELECT entry_id, model, dimension, chunk, embedding, source_hash, created_at FROM main.term_embeddings
                    WHERE entry_id IN (SELECT id FROM temp.export_ids) ORDER BY id
                    """)
                return .commit
            }
            return count
        }
    }
}
