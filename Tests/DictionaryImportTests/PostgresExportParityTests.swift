import DictMigrations
import DictPostgres
import DictStore
import DictTesting
import Foundation
import GRDB
import PostgresNIO
import Testing
@testable import DictionaryCore
@testable import DictionaryImport

/// One export, two engines: the bundled glossary (with a few vectors) exported from SQLite by `EntryExporter` and from
/// PostgreSQL by `PostgresEntryExporter`, in every format and with filters: the same entries in the same order, the
/// same JSON values, byte-identical CSV, and SQLite files holding the same entries, relations and vectors.
@Suite("Export parity between SQLite and PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresExportParityTests {
    static let filters = [
        ExportFilter(), ExportFilter(languages: ["fr", "zh-TW"], minQuality: 50), ExportFilter(types: ["tempo", "dynamics"], limit: 40),
    ]

    /// A JSON value with the keys each engine assigns itself removed and relations sorted, re-serialized with
    /// sorted keys.
    static func canonical(_ value: Any) throws -> String {
        func strip(_ value: Any) -> Any {
            if var object = value as? [String: Any] {
                for key in ["id", "created_at", "updated_at", "exported_at"] { object[key] = nil }
                var result = object.mapValues(strip)
                if let relations = result["relations"] as? [Any] {
                    result["relations"] = relations.map { try! canonical($0) }.sorted()
                }
                return result
            }
            if let array = value as? [Any] { return array.map(strip) }
            return value
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: strip(value), options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    /// What a SQLite export file holds: entries (key, score, JSON columns as values), relations by key, vectors.
    static func sqliteFile(_ path: String) throws -> [String] {
        let database = try StoreDatabase(location: .file(path: path))
        return try database.read { db in
            let entries = try Row.fetchAll(db, sql: "SELECT normalized_term, lang, overall_score, definition, metadata, quality_score FROM dictionary_entries")
                .map { row in
                    "\(row[0] as String)|\(row[1] as String)|\(row[2] as Double)|"
                        + (try [3, 4, 5].map { try canonical(JSONSerialization.jsonObject(with: Data((row[$0] as String).utf8))) }.joined(separator: "|"))
                }
            let relations = try Row.fetchAll(db, sql: """
                SELECT a.normalized_term, a.lang, b.normalized_term, b.lang, r.relationship_type FROM related_terms r
                JOIN dictionary_entries a ON a.id = r.entry_id JOIN dictionary_entries b ON b.id = r.related_entry_id
                """).map { "relation \($0[0] as String)|\($0[1] as String)|\($0[2] as String)|\($0[3] as String)|\($0[4] as String)" }
            let vectors = try Row.fetchAll(db, sql: """
                SELECT e.normalized_term, e.lang, v.model, v.chunk, hex(v.embedding) FROM term_embeddings v JOIN dictionary_entries e ON e.id = v.entry_id
                """).map { "vector \($0[0] as String)|\($0[1] as String)|\($0[2] as String)|\($0[3] as Int)|\($0[4] as String)" }
            return (entries + relations + vectors).sorted()
        }
    }

    @Test("Every format gives the same entries in the same order on both engines")
    func exportsAgree() async throws {
        let files = GlossaryImporter.defaultFiles(from: PostgresImportParityTests.packageRoot.path)
        let sqlite = try Service.dictionary.openInMemory()
        _ = try GlossaryImporter(repository: EntryRepository(database: sqlite)).importFiles(files)
        let directory = try TemporaryDirectory()
        try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            _ = try await GlossaryImporter.importFiles(files, into: PostgresEntryImportStore(session: session))
            // The same three vectors on each engine (the entry with each key), for the SQLite file's vectors.
            let keys = [("crescendo", "en"), ("allegro", "fr"), ("piano", "en")]
            for (index, (term, lang)) in keys.enumerated() {
                let vector: [Float] = [Float(index), 0.5, -1]
                let sqliteID = try #require(try sqlite.read { db in
                    try String.fetchOne(db, sql: "SELECT id FROM dictionary_entries WHERE normalized_term = ? AND lang = ?", arguments: [term, lang])
                })
                try sqlite.write { db in
                    try db.execute(sql: "INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding) VALUES (?, 'm', 3, 0, ?)",
                                   arguments: [sqliteID, vector.withUnsafeBytes { Data($0) }])
                }
                var statement = PostgresStatement()
                let sql = """
                    INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding)
                    SELECT id, 'm', 3, 0, decode(\(statement.bind(vector.withUnsafeBytes { Data($0) }.map { String(format: "%02x", $0) }.joined())), 'hex')
                    FROM dictionary_entries WHERE normalized_term = \(statement.bind(term)) AND lang = \(statement.bind(lang))
                    """
                try await session.query(statement.query(sql))
            }
            let postgres = PostgresEntryExporter(session: session), onSQLite = EntryExporter(database: sqlite)
            for (index, filter) in Self.filters.enumerated() {
                for format in ExportFormat.allCases {
                    let expectedPath = directory.url.appendingPathComponent("sqlite-\(index).\(format.fileExtension)").path
                    let foundPath = directory.url.appendingPathComponent("postgres-\(index).\(format.fileExtension)").path
                    let expected = try await onSQLite.writeExport(format: format, filter: filter, to: expectedPath, requestedBy: "test")
                    let found = try await postgres.writeExport(format: format, filter: filter, to: foundPath, requestedBy: "test")
                    #expect(found.entryCount == expected.entryCount && expected.entryCount > 0, "\(format) \(filter)")
                    let label = "\(format) filter \(index)"
                    switch format {
                    case .json:
                        let parse = { (path: String) in try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: path))) }
                        let (foundText, expectedText) = (try Self.canonical(try parse(foundPath)), try Self.canonical(try parse(expectedPath)))
                        let same = foundText == expectedText
                        #expect(same, "\(label)")
                    case .jsonl:
                        let lines = { (path: String) in
                            try String(decoding: Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self).split(separator: "\n")
                                .map { try Self.canonical(try JSONSerialization.jsonObject(with: Data($0.utf8))) }
                        }
                        let (foundLines, expectedLines) = (try lines(foundPath), try lines(expectedPath))
                        let same = foundLines == expectedLines
                        #expect(same, "\(label)")
                        if index == 0 { #expect(expectedLines.contains { $0.contains("\"relations\":[\"{") }, "relations are exported") }
                    case .csv:
                        let same = try Data(contentsOf: URL(fileURLWithPath: foundPath)) == Data(contentsOf: URL(fileURLWithPath: expectedPath))
                        #expect(same, "\(label)")
                    case .sqlite:
                        let (foundRows, expectedRows) = (try Self.sqliteFile(foundPath), try Self.sqliteFile(expectedPath))
                        let same = foundRows == expectedRows
                        #expect(same, "\(label)")
                        if index == 0 { #expect(expectedRows.filter { $0.hasPrefix("vector ") }.count == 3) }
                        #expect(!FileManager.default.fileExists(atPath: foundPath + "-wal"))
                    }
                }
            }
            let history = try await session.execute("SELECT count(*), count(*) FILTER (WHERE export_type = 'filtered') FROM export_history")
                .first!.decode((Int, Int).self)
            #expect(history.0 == 12 && history.1 == 8)
            // A bad filter or an existing file is refused before anything is written.
            await #expect(throws: ExportError.self) {
                _ = try await postgres.writeExport(format: .csv, filter: ExportFilter(languages: ["xx"]), to: directory.url.appendingPathComponent("bad.csv").path, requestedBy: "test")
            }
            await #expect(throws: ExportError.outputExists(path: directory.url.appendingPathComponent("postgres-0.csv").path)) {
                _ = try await postgres.writeExport(format: .csv, filter: ExportFilter(), to: directory.url.appendingPathComponent("postgres-0.csv").path, requestedBy: "test")
            }
        }
    }
}
