import DictMigrations
package import DictPostgres
import DictStore
import DictionaryCore
import Foundation
import GRDB
import PostgresNIO

/// `EntryExporting` on PostgreSQL's `dictionary` schema: the formats, columns and order of `EntryExporter`, each
/// export read in one `REPEATABLE READ` snapshot and streamed row by row. JSON is built by PostgreSQL
/// (`json_build_object`; the stored `jsonb` objects come out in jsonb's key order and spacing, the same values); the
/// SQLite file gets the same schema as SQLite's export, with the JSON columns as PostgreSQL prints them.
package struct PostgresEntryExporter: EntryExporting {
    package let session: PostgresSession

    package init(session: PostgresSession) { self.session = session }

    /// As `EntryExporter.entryJSONColumn`.
    static let entryJSONColumn = """
        json_build_object('id', e.id, 'term', e.term, 'normalized_term', e.normalized_term, 'lang', e.lang,
          'source_lang', e.source_lang, 'lang_confidence', e.lang_confidence, 'type', e.type,
          'definition', e.definition, 'references', e.refs,
          'metadata', e.metadata || jsonb_build_object('search_frequency', e.search_frequency),
          'quality_score', e.quality_score || jsonb_build_object('overall', e.overall_score),
          'created_at', e.created_at, 'updated_at', e.updated_at, 'version', e.version)::text
        """

    /// As `EntryExporter.entryImportJSONColumn` (relations in their table's order, strongest first).
    static let entryImportJSONColumn = """
        json_build_object('term', e.term, 'lang', e.lang, 'source_lang', e.source_lang, 'lang_confidence', e.lang_confidence,
          'type', e.type, 'definition', e.definition, 'references', e.refs, 'metadata', e.metadata,
          'quality_score', e.quality_score || jsonb_build_object('overall', e.overall_score), 'ai_metadata', e.ai_metadata,
          'relations', (SELECT coalesce(json_agg(json_build_object('term', t.term, 'lang', t.lang, 'type', r.relationship_type,
                                                                    'confidence', r.confidence_score) ORDER BY r.confidence_score DESC, r.id), '[]'::json)
                        FROM related_terms r JOIN dictionary_entries t ON t.id = r.related_entry_id WHERE r.entry_id = e.id))::text
        """

    package func writeExport(format: ExportFormat, filter: ExportFilter, to path: String, requestedBy: String) async throws -> ExportResult {
        try EntryExporter.validate(filter)
        guard !FileManager.default.fileExists(atPath: path) else { throw ExportError.outputExists(path: path) }
        let count: Int
        do {
            count = try await session.snapshot { session in
                switch format {
                case .json: return try await writeJSON(session, filter: filter, to: path)
                case .jsonl: return try await writeJSONLines(session, filter: filter, to: path)
                case .csv: return try await writeCSV(session, filter: filter, to: path)
                case .sqlite: return try await writeSQLite(session, filter: filter, to: path)
                }
            }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let id = RandomRowID.make()
        var statement = PostgresStatement()
        let sql = """
            INSERT INTO export_history (id, export_type, format, filters, total_entries, file_size_bytes, storage_url, requested_by)
            VALUES (\(statement.bind(id)), \(statement.bind(filter.isFiltered ? "filtered" : "full")), \(statement.bind(format.historyName)),
                \(statement.bind(filter.json))::jsonb, \(statement.bind(count)), \(statement.bind(size)), \(statement.bind(path)),
                \(statement.bind(requestedBy)))
            """
        try await session.query(statement.query(sql))
        return ExportResult(id: id, format: format, path: path, entryCount: count, sizeBytes: size)
    }

    // MARK: - Formats

    /// `SELECT columns` of the entries `filter` selects, in the export order (best score first, then the term and
    /// the language by code point, as on SQLite).
    static func selection(_ columns: String, filter: ExportFilter) -> PostgresQuery {
        var statement = PostgresStatement()
        var conditions: [String] = []
        if !filter.languages.isEmpty { conditions.append("e.lang IN (\(statement.bindList(filter.languages)))") }
        if !filter.types.isEmpty { conditions.append("e.type IN (\(statement.bindList(filter.types)))") }
        if let minQuality = filter.minQuality { conditions.append("e.overall_score >= \(statement.bind(minQuality))") }
        let limit = filter.limit.map { " LIMIT \(statement.bind($0))" } ?? ""
        let sql = """
            SELECT \(columns) FROM dictionary_entries e WHERE \(conditions.isEmpty ? "true" : conditions.joined(separator: " AND "))
            ORDER BY e.overall_score DESC, e.normalized_term, e.lang COLLATE "C"\(limit)
            """
        return statement.query(sql)
    }

    private func open(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ExportError.cannotWrite(path: path, reason: "cannot create the file")
        }
        return handle
    }

    private func writeJSON(_ session: PostgresSession, filter: ExportFilter, to path: String) async throws -> Int {
        let handle = try open(path)
        defer { try? handle.close() }
        var writer = BufferedWriter(handle: handle)
        try writer.write("{\"format\":\"json\",\"exported_at\":\"\(Timestamp.now())\",\"data\":[")
        var count = 0
        for try await row in try await session.stream(Self.selection(Self.entryJSONColumn, filter: filter)) {
            try writer.write(count == 0 ? "\n" : ",\n")
            try writer.write(try row.decode(String.self))
            count += 1
        }
        try writer.write("\n],\"count\":\(count)}\n")
        try writer.flush()
        return count
    }

    private func writeJSONLines(_ session: PostgresSession, filter: ExportFilter, to path: String) async throws -> Int {
        let handle = try open(path)
        defer { try? handle.close() }
        var writer = BufferedWriter(handle: handle)
        var count = 0
        for try await row in try await session.stream(Self.selection(Self.entryImportJSONColumn, filter: filter)) {
            try writer.write(try row.decode(String.self))
            try writer.write("\n")
            count += 1
        }
        try writer.flush()
        return count
    }

    private func writeCSV(_ session: PostgresSession, filter: ExportFilter, to path: String) async throws -> Int {
        let handle = try open(path)
        defer { try? handle.close() }
        var writer = BufferedWriter(handle: handle)
        // The string items of a metadata list, joined by "; " in their order (SQLite's json_each over text values).
        func list(_ key: String) -> String {
            """
            (SELECT string_agg(item #>> '{}', '; ' ORDER BY n) FROM jsonb_array_elements(
                CASE WHEN jsonb_typeof(e.metadata -> '\(key)') = 'array' THEN e.metadata -> '\(key)' ELSE '[]'::jsonb END)
                WITH ORDINALITY AS items(item, n) WHERE jsonb_typeof(item) = 'string')
            """
        }
        let columns = """
            e.term, e.lang, e.type, e.definition ->> 'concise', e.definition ->> 'detailed', e.definition ->> 'etymology',
            e.definition ->> 'usage_example', e.definition #>> '{pronunciation,ipa}',
            \(list("synonyms")), \(list("antonyms")), \(list("related_terms")), \(list("categories")), e.overall_score
            """
        try writer.write(EntryExporter.csvHeader.map(CSVField.quote).joined(separator: ",") + "\r\n")
        var count = 0
        for try await row in try await session.stream(Self.selection(columns, filter: filter)) {
            let (term, lang, type, concise, detailed, etymology, usage, ipa) =
                try row.decode((String, String, String, String?, String?, String?, String?, String?).self)
            var cells = [term, lang, type, concise, detailed, etymology, usage, ipa].map { $0.map(CSVField.quote) ?? "" }
            let columns = row.makeRandomAccess()
            for index in 8..<12 { cells.append(try columns[index].decode(String?.self).map(CSVField.quote) ?? "") }
            let score = try columns[12].decode(Double.self)
            cells.append(score == score.rounded() ? String(Int64(score)) : String(score))
            try writer.write(cells.joined(separator: ",") + "\r\n")
            count += 1
        }
        try writer.flush()
        return count
    }

    /// A SQLite file with the dictionary schema holding the selected entries, the relations between them and their
    /// vectors (in their row order), filled in one transaction.
    private func writeSQLite(_ session: PostgresSession, filter: ExportFilter, to path: String) async throws -> Int {
        let target = try StoreDatabase(location: .file(path: path))
        try Service.dictionary.migrationRunner().migrate(target)
        let entryColumns = """
            id, term, normalized_term, folded_term, lang, source_lang, lang_confidence, type, definition, refs, metadata,
            quality_score, overall_score, ai_metadata, search_frequency, last_accessed, created_at, updated_at, version
            """
        let selected = """
            e.id, e.term, e.normalized_term, e.folded_term, e.lang, e.source_lang, e.lang_confidence, e.type, e.definition::text,
            e.refs::text, e.metadata::text, e.quality_score::text, e.overall_score, e.ai_metadata::text, e.search_frequency,
            e.last_accessed, e.created_at, e.updated_at, e.version
            """
        var entryRows: [[DatabaseValue]] = []
        for try await row in try await session.stream(Self.selection(selected, filter: filter)) {
            let columns = row.makeRandomAccess()
            entryRows.append(try (0..<19).map { index in
                switch index {
                case 6, 12: return try columns[index].decode(Double.self).databaseValue
                case 14, 18: return try columns[index].decode(Int.self).databaseValue
                default: return try columns[index].decode(String?.self).databaseValue
                }
            })
        }
        let ids = entryRows.map { $0[0].storage.value as? String ?? "" }
        var relations = PostgresStatement()
        let idsBind = relations.bind(ids)
        let relationsSQL = """
            SELECT id, entry_id, related_entry_id, relationship_type, confidence_score, created_at FROM related_terms
            WHERE entry_id = ANY(\(idsBind)) AND related_entry_id = ANY(\(idsBind)) ORDER BY id
            """
        var relationRows: [[DatabaseValue]] = []
        for row in try await session.query(relations.query(relationsSQL)) {
            let (id, entry, related, type, confidence, created) = try row.decode((String, String, String, String, Double, String).self)
            relationRows.append([id.databaseValue, entry.databaseValue, related.databaseValue, type.databaseValue,
                                 confidence.databaseValue, created.databaseValue])
        }
        var vectors = PostgresStatement()
        let vectorsSQL = """
            SELECT entry_id, model, dimension, chunk, embedding, source_hash, created_at FROM term_embeddings
            WHERE entry_id = ANY(\(vectors.bind(ids))) ORDER BY id
            """
        try target.write { db in
            let insertEntry = try db.makeStatement(sql: "INSERT INTO dictionary_entries (\(entryColumns)) VALUES (\(Array(repeating: "?", count: 19).joined(separator: ", ")))")
            for values in entryRows { try insertEntry.execute(arguments: StatementArguments(values)) }
            let insertRelation = try db.makeStatement(sql: """
                INSERT INTO related_terms (id, entry_id, related_entry_id, relationship_type, confidence_score, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """)
            for values in relationRows { try insertRelation.execute(arguments: StatementArguments(values)) }
        }
        // Vectors go over in pieces of 2,000 rows, never all in memory.
        var pending: [[DatabaseValue]] = []
        func flush() throws {
            guard !pending.isEmpty else { return }
            try target.write { db in
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding, source_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
                for values in pending { try insert.execute(arguments: StatementArguments(values)) }
            }
            pending.removeAll(keepingCapacity: true)
        }
        for try await row in try await session.stream(vectors.query(vectorsSQL)) {
            let (entry, model, dimension, chunk, blob, hash, created) = try row.decode((String, String, Int, Int, ByteBuffer, String?, String).self)
            pending.append([entry.databaseValue, model.databaseValue, dimension.databaseValue, chunk.databaseValue,
                            Data(blob.readableBytesView).databaseValue, hash.databaseValue, created.databaseValue])
            if pending.count >= 2_000 { try flush() }
        }
        try flush()
        // Closing the last connection checkpoints the WAL into the file and removes it: one self-contained file.
        try target.writer.close()
        return entryRows.count
    }
}
