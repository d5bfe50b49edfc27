import DictMigrations
import DictPostgres
import DictStore
import DictTesting
import DictVectors
import Foundation
import GRDB
import PostgresNIO
import Testing
@testable import DictionaryCore
@testable import DictionaryImport

/// `dict import embeddings` on both engines: the same JSONL, `.npy` and raw float32 files over the same entries give
/// the same vectors (bytes, chunks, source hashes, sense attributes, row order) on SQLite and PostgreSQL, the same
/// reports with `--skip-invalid`, and a bad line or row the same error on both with nothing written.
@Suite("Embedding file import parity between SQLite and PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresEmbeddingFileParityTests {
    static let model = "test-model"

    /// The stored vectors of the test model in row-id order: entry key, chunk, dimension, bytes (hex), source hash,
    /// part of speech, sense frequency, gloss.
    static let vectorSQL = """
        SELECT e.normalized_term || '|' || e.lang || '#' || t.chunk || ' d' || t.dimension || ' ' || lower(HEX) || ' '
               || coalesce(t.source_hash, '-') || ' ' || coalesce(t.part_of_speech, '-') || ' '
               || coalesce(CAST(t.sense_frequency AS text), '-') || ' ' || coalesce(t.gloss, '-')
        FROM term_embeddings t JOIN dictionary_entries e ON e.id = t.entry_id WHERE t.model = 'test-model' ORDER BY t.id
        """

    static func sqliteVectors(_ database: StoreDatabase) throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: vectorSQL.replacingOccurrences(of: "HEX", with: "hex(t.embedding)")) }
    }

    static func postgresVectors(_ session: PostgresSession) async throws -> [String] {
        try await session.execute(vectorSQL.replacingOccurrences(of: "HEX", with: "encode(t.embedding, 'hex')")).map { try $0.decode(String.self) }
    }

    /// One engine: its entries (imported from the entry parity test's JSONL) and ways to import and read vectors.
    struct Engine {
        var name: String
        var ids: [String: String]
        var importJSONL: (Data, String, Bool) async throws -> EmbeddingFileImportReport
        var importFile: (String, String?, Bool) async throws -> EmbeddingFileImportReport
        var vectors: () async throws -> [String]

        /// `text` with this engine's entry ids (drawn anew by each import) replaced by their terms.
        func withoutIDs(_ text: String) -> String {
            ids.reduce(text) { $0.replacingOccurrences(of: $1.value, with: "<\($1.key)>") }
        }
    }

    static func sqliteEngine() throws -> Engine {
        let database = try Service.dictionary.openInMemory()
        _ = try EntryFileImporter(repository: EntryRepository(database: database))
            .importData(Data(PostgresEntryFileParityTests.jsonl.utf8), name: "a.jsonl", format: .jsonl)
        let ids = try database.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT normalized_term, id FROM dictionary_entries").map { ($0[0] as String, $0[1] as String) })
        }
        let importer = EmbeddingFileImporter(database: database, store: try EmbeddingStore(model: model, dimension: 4))
        return Engine(
            name: "sqlite", ids: ids,
            importJSONL: { data, name, skip in try importer.importJSONL(data, name: name, skipInvalid: skip) },
            importFile: { path, idList, skip in try importer.importFile(at: path, idList: idList, skipInvalid: skip) },
            vectors: { try sqliteVectors(database) })
    }

    static func postgresEngine(_ session: PostgresSession) async throws -> Engine {
        _ = try await PostgresEntryFileImporter(session: session)
            .importData(Data(PostgresEntryFileParityTests.jsonl.utf8), name: "a.jsonl", format: .jsonl)
        var ids: [String: String] = [:]
        for row in try await session.execute("SELECT normalized_term, id FROM dictionary_entries") {
            let (term, id) = try row.decode((String, String).self)
            ids[term] = id
        }
        let importer = try PostgresEmbeddingFileImporter(session: session, model: model, dimension: 4)
        return Engine(
            name: "postgres", ids: ids,
            importJSONL: { data, name, skip in try await importer.importJSONL(data, name: name, skipInvalid: skip) },
            importFile: { path, idList, skip in try await importer.importFile(at: path, idList: idList, skipInvalid: skip) },
            vectors: { try await postgresVectors(session) })
    }

    /// Runs `body` on SQLite, then on PostgreSQL, and returns both results.
    static func onBothEngines<T: Sendable>(_ body: (Engine) async throws -> T) async throws -> (sqlite: T, postgres: T) {
        let sqlite = try await body(try sqliteEngine())
        let postgres = try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            try await body(try await postgresEngine(session))
        }
        return (sqlite, postgres)
    }

    static func write(_ folder: TemporaryDirectory, _ name: String, _ bytes: [UInt8]) throws -> String {
        let path = folder.url.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("JSONL by term and by id, .npy and .f32 with id lists, replacing in place and skipping bad lines: the same vectors and reports")
    func filesGiveTheSameVectors() async throws {
        let folder = try TemporaryDirectory()
        let npy = try Self.write(folder, "v.npy", EmbeddingFileImporterTests.npy(rows: 2, dimension: 4, values: [1, 2, 3, 4, 0, -0.5, 0, 7]))
        let f32 = try Self.write(folder, "v.f32", EmbeddingFileImporterTests.raw([9, 0, 0, 1, 0, 0.25, 0, 0, 3, 3, 3, 3]))
        let results = try await Self.onBothEngines { engine -> [String] in
            var log: [String] = []
            let byTerm = """
                {"term":"CRESCENDO","lang":"en","vector":[1,0,0,0.5],"source_hash":"h1"}

                {"term":"crescendo","lang":"en","chunk":1,"model":"test-model","embedding":[0,1,0,0]}
                {"term":"渐强","lang":"zh-CN","vector":[-1.5,0,0.25,1e-3]}
                {"entry_id":"\(engine.ids["decrescendo"] ?? "")","vector":[0,0,2,0]}
                """
            log.append("\(try await engine.importJSONL(Data(byTerm.utf8), "t.jsonl", false))")
            // Rows 1 and 2: forte is new, crescendo's chunk 0 is replaced in place (keeps its row and attributes).
            let ids = try Self.write(folder, "\(engine.name)-ids.txt", Array("\(engine.ids["forte"] ?? "")\n\(engine.ids["crescendo"] ?? "")\n".utf8))
            log.append("\(try await engine.importFile(npy, ids, false))")
            let threeIDs = try Self.write(folder, "\(engine.name)-ids3.txt",
                                          Array("nope\n\(engine.ids["crème"] ?? "")\n\(engine.ids["forte"] ?? "")\n".utf8))
            log.append("\(try await engine.importFile(f32, threeIDs, true).skipped)")
            let skipping = """
                {"term":"decrescendo","lang":"en","vector":[0,0,0,3]}
                {"term":"missing","lang":"en","vector":[1,0,0,0]}
                {not json
                {"term":"forte","lang":"en","chunk":2,"vector":[0,0,1,1]}
                {"term":"decrescendo","lang":"en","vector":[1,1,1,1]}
                {"term":"渐强","lang":"zh-CN","vector":[0,0,0,0]}
                """
            let report = try await engine.importJSONL(Data(skipping.utf8), "s.jsonl", true)
            log.append("\(report.records) \(report.written) \(report.skipped)")
            return (log + (try await engine.vectors())).map(engine.withoutIDs)
        }
        #expect(results.sqlite.count == 4 + 7, "\(results.sqlite)")
        #expect(results.postgres == results.sqlite)
    }

    @Test("A bad JSONL line or matrix row: the same error on both engines, nothing written")
    func badLinesFailAlike() async throws {
        let folder = try TemporaryDirectory()
        let good = #"{"term":"crescendo","lang":"en","vector":[1,2,3,4]}"# + "\n"
        let badLines = [
            #"{"term":"crème","lang":"fr","vector":[1,2,3]}"#, #"{"term":"crème","lang":"fr","vector":[1,1e39,3,4]}"#,
            #"{"term":"crème","lang":"fr","vector":[0,0,0,0]}"#, #"{"term":"crème","lang":"fr","chunk":-1,"vector":[1,0,0,0]}"#,
            #"{"term":"crème","lang":"fr","model":"other","vector":[1,0,0,0]}"#, #"{"entry_id":"x' OR '1'='1","vector":[1,0,0,0]}"#,
            #"{"term":"nothing; DROP TABLE term_embeddings","lang":"en","vector":[1,0,0,0]}"#, #"{"term":"crème","lang":"xx","vector":[1,0,0,0]}"#,
            #"{"term":"  ","lang":"en","vector":[1,0,0,0]}"#, #"{"term":"crème","vector":[1,0,0,0]}"#, #"{"term":"crème","lang":"fr"}"#,
            #"{"term":"crème","lang":"fr","vector":[1,0,0,0],"embedding":[1,0,0,0]}"#, #"{"term":"crème","lang":"fr","vector":[1,"2",3,4]}"#,
            #"{"term":"CRESCENDO","lang":"en","vector":[4,3,2,1]}"#, "[1,2,3,4]",
        ]
        let files = try badLines.enumerated().map { try Self.write(folder, "bad\($0.offset).jsonl", Array((good + $0.element + "\n").utf8)) }
        let invalidUTF8 = try Self.write(folder, "utf8.jsonl", Array(good.utf8) + [0x7B, 0xC3, 0x28, 0x7D, 0x0A])
        let empty = try Self.write(folder, "empty.jsonl", Array(" \n\n".utf8))
        let nan = try Self.write(folder, "nan.f32", EmbeddingFileImporterTests.raw([1, 2, 3, 4, 5, .nan, 7, 8]))
        let wide = try Self.write(folder, "wide.npy", EmbeddingFileImporterTests.npy(rows: 1, dimension: 8, values: [1, 2, 3, 4, 5, 6, 7, 8]))
        let three = try Self.write(folder, "three.f32", EmbeddingFileImporterTests.raw([1, 2, 3, 4, 5, 6, 7, 8, 1, 1, 1, 1]))
        let errors = try await Self.onBothEngines { engine -> [String] in
            var errors: [String] = []
            func attempt(_ body: () async throws -> EmbeddingFileImportReport) async {
                do { errors.append("imported \(try await body())") } catch { errors.append("\(error)") }
            }
            for file in files + [invalidUTF8, empty] { await attempt { try await engine.importFile(file, nil, false) } }
            let ids = try Self.write(folder, "\(engine.name)-ids.txt", Array("\(engine.ids["crescendo"] ?? "")\n\(engine.ids["crème"] ?? "")\n".utf8))
            let unknown = try Self.write(folder, "\(engine.name)-unknown.txt", Array("\(engine.ids["crescendo"] ?? "")\n'); DELETE FROM dictionary_entries; --\n".utf8))
            for (matrix, list) in [(nan, ids), (wide, ids), (three, ids), (nan, unknown), (nan, nil)] {
                await attempt { try await engine.importFile(matrix, list, false) }
            }
            // The id lists' paths differ per engine; the rest of each message must not.
            return (errors + (try await engine.vectors())).map {
                engine.withoutIDs($0.replacingOccurrences(of: ids, with: "IDS").replacingOccurrences(of: unknown, with: "UNKNOWN"))
            }
        }
        #expect(errors.sqlite.count == badLines.count + 2 + 5, "\(errors.sqlite)")
        #expect(errors.sqlite.allSatisfy { !$0.hasPrefix("imported") }, "\(errors.sqlite)")
        for (line, (sqlite, postgres)) in zip(errors.sqlite, errors.postgres).enumerated() {
            #expect(postgres == sqlite, "case \(line)")
        }
        #expect(errors.sqlite[0].hasPrefix("\(files[0]):2: "), "\(errors.sqlite[0])")
    }
}
