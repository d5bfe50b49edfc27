import DictMigrations
import DictStore
import DictTesting
import DictionaryImport
import Foundation
import GRDB
import Testing

@Suite("Entry export (json, csv, sqlite)")
struct EntryExporterTests {
    /// Three entries in two languages, one with a vector and a relation.
    private func seeded(_ kind: DatabaseKind) throws -> (StoreDatabase, TemporaryDirectory?) {
        let (database, directory) = try kind.open(.dictionary)
        try database.write { db in
            let insert = """
                INSERT INTO dictionary_entries (id, term, normalized_term, folded_term, lang, type, definition, metadata, overall_score)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            try db.execute(sql: insert, arguments: ["00000000-0000-4000-8000-000000000001", "crescendo", "crescendo", "crescendo", "en", "dynamics",
                                                    #"{"concise":"Getting louder, \"gradually\"","detailed":"Line one,\nline two"}"#,
                                                    #"{"categories":["dynamics","italian"],"related_terms":["diminuendo"]}"#, 92])
            try db.execute(sql: insert, arguments: ["00000000-0000-4000-8000-000000000002", "diminuendo", "diminuendo", "diminuendo", "en", "dynamics",
                                                    #"{"concise":"Getting softer"}"#, "{}", 88])
            try db.execute(sql: insert, arguments: ["00000000-0000-4000-8000-000000000003", "渐强", "渐强", "渐强", "zh-CN", "dynamics",
                                                    #"{"concise":"逐渐变强"}"#, "{}", 70])
            try db.execute(sql: "INSERT INTO related_terms (id, entry_id, related_entry_id, relationship_type) VALUES ('r1', ?, ?, 'antonym')",
                           arguments: ["00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"])
            try db.execute(sql: "INSERT INTO term_embeddings (entry_id, model, dimension, embedding) VALUES (?, 'm', 2, ?)",
                           arguments: ["00000000-0000-4000-8000-000000000001", Data([0, 0, 128, 63, 0, 0, 0, 0])])
        }
        return (database, directory)
    }

    @Test("JSON export holds every selected entry in the API shape, best first, and is recorded", arguments: DatabaseKind.allCases)
    func json(kind: DatabaseKind) throws {
        let (database, keep) = try seeded(kind)
        _ = keep
        let out = try TemporaryDirectory()
        let path = out.url.appendingPathComponent("e.json").path
        let result = try EntryExporter(database: database).export(format: .json, to: path)
        #expect(result.entryCount == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let data = try #require(object["data"] as? [[String: Any]])
        #expect(object["count"] as? Int == 3)
        #expect(data.map { $0["term"] as? String } == ["crescendo", "diminuendo", "渐强"])
        let first = data[0]
        #expect((first["definition"] as? [String: Any])?["concise"] as? String == "Getting louder, \"gradually\"")
        #expect(first["references"] is [String: Any])
        #expect((first["metadata"] as? [String: Any])?["search_frequency"] as? Int == 0)
        #expect(first["version"] as? Int == 1)
        let history = try database.read { try Row.fetchOne($0, sql: "SELECT export_type, format, total_entries FROM export_history") }
        #expect(history?["export_type"] as String? == "full")
        #expect(history?["total_entries"] as Int? == 3)
    }

    @Test("CSV export quotes fields per RFC 4180 and honours filters", arguments: DatabaseKind.allCases)
    func csv(kind: DatabaseKind) throws {
        let (database, keep) = try seeded(kind)
        _ = keep
        let out = try TemporaryDirectory()
        let path = out.url.appendingPathComponent("e.csv").path
        let result = try EntryExporter(database: database).export(format: .csv, filter: ExportFilter(languages: ["en"], minQuality: 90), to: path)
        #expect(result.entryCount == 1)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("term,lang,type,concise,detailed,"))  // the columns `dict import entries` reads
        #expect(text.contains("\"Getting louder, \"\"gradually\"\"\""))
        #expect(text.contains("\"Line one,\nline two\""))
        #expect(text.contains("dynamics; italian"))
        #expect(!text.contains("diminuendo,en"))
    }

    @Test("SQLite export is a real database with the schema, entries, relations, vectors and full-text rows", arguments: DatabaseKind.allCases)
    func sqlite(kind: DatabaseKind) throws {
        let (database, keep) = try seeded(kind)
        _ = keep
        let out = try TemporaryDirectory()
        let path = out.url.appendingPathComponent("e.db").path
        let result = try EntryExporter(database: database).export(format: .sqlite, filter: ExportFilter(types: ["dynamics"], limit: 2), to: path)
        #expect(result.entryCount == 2)
        let exported = try StoreDatabase(location: .file(path: path))
        #expect(try Service.dictionary.migrationRunner().status(of: exported).allSatisfy { $0.state == .applied })
        #expect(try exported.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM dictionary_entries") } == 2)
        #expect(try exported.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM related_terms") } == 1)
        #expect(try exported.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM term_embeddings") } == 1)
        #expect(try exported.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM dictionary_fts WHERE dictionary_fts MATCH 'softer'") } == 1)
        #expect(try database.read { try String.fetchOne($0, sql: "SELECT export_type FROM export_history") } == "filtered")
    }

    @Test("Bad filters and an existing output file are refused without writing")
    func refusals() throws {
        let database = try Service.dictionary.openInMemory()
        let out = try TemporaryDirectory()
        let path = out.url.appendingPathComponent("e.json").path
        let exporter = EntryExporter(database: database)
        #expect(throws: ExportError.self) { try exporter.export(format: .json, filter: ExportFilter(languages: ["xx"]), to: path) }
        #expect(throws: ExportError.self) { try exporter.export(format: .json, filter: ExportFilter(minQuality: 101), to: path) }
        #expect(throws: ExportError.self) { try exporter.export(format: .json, filter: ExportFilter(limit: 0), to: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        _ = FileManager.default.createFile(atPath: path, contents: Data("keep".utf8))
        #expect(throws: ExportError.outputExists(path: path)) { try exporter.export(format: .json, to: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep")
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM export_history") } == 0)
    }
}
