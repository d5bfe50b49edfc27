import DictMigrations
package import DictPostgres
import DictStore
import DictVectors
import DictionaryCore
import DictionaryImport
package import Foundation
import GRDB
import NIOCore
import PostgresNIO

/// `dict bench postgres`: the same n × d unit vectors written to and loaded from SQLite and PostgreSQL in one run:
/// import rows/s (SQLite: the embedding store's prepared statement in one transaction; PostgreSQL: `COPY` of
/// `bytea` in text format), and the index load (SQLite: `SQLiteVectorSource` straight from the page cache;
/// PostgreSQL: `PostgresVectorSnapshot` reads the rows over the wire, then the index copies them), best of three.
package struct PostgresVectorBenchmark: Sendable {
    package struct Result: Sendable {
        package var n: Int
        package var d: Int
        package var sqliteImportSeconds: Double
        package var postgresImportSeconds: Double
        package var sqliteLoadSeconds: Double
        package var postgresReadSeconds: Double
        package var postgresIndexSeconds: Double

        package var bytes: Double { Double(n * d * 4) }
    }

    package let location: PostgresLocation
    package let n: Int
    package let d: Int
    package let seed: UInt64

    package init(location: PostgresLocation, n: Int, d: Int, seed: UInt64) {
        self.location = location
        self.n = n
        self.d = d
        self.seed = seed
    }

    package func run(log: (String) -> Void) async throws -> Result {
        var rng = BenchmarkRandom(seed: seed ^ UInt64(n * 7919 + d))
        log("n=\(n) d=\(d): generating vectors")
        let matrix = VectorBenchmark.unitVectors(count: n, d: d, using: &rng)
        var result = Result(n: n, d: d, sqliteImportSeconds: 0, postgresImportSeconds: 0, sqliteLoadSeconds: .infinity,
                            postgresReadSeconds: .infinity, postgresIndexSeconds: .infinity)
        try sqlite(matrix, into: &result, log: log)
        try await postgres(matrix, into: &result, log: log)
        return result
    }

    private func sqlite(_ matrix: [Float], into result: inout Result, log: (String) -> Void) throws {
        let directory = NSTemporaryDirectory() + "dict-bench-pg-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let database = try Service.dictionary.open(dataDirectory: directory)
        try database.write { db in
            for i in 0..<n { try db.execute(sql: Self.entrySQLite, arguments: StatementArguments(Self.entryValues(i))) }
        }
        log("n=\(n) d=\(d): SQLite import")
        let store = try EmbeddingStore(model: "bench", dimension: d)
        result.sqliteImportSeconds = try BenchmarkTiming.seconds {
            try VectorBenchmark.writeVectors(matrix, rows: n, dimension: d, with: store, into: database)
        }
        try database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        log("n=\(n) d=\(d): SQLite load")
        for _ in 0..<3 {
            var index: EmbeddingIndex?
            let seconds = try BenchmarkTiming.seconds { index = try EmbeddingIndex.load(model: "bench", dimension: d, from: database) }
            guard index?.count == n else { throw VectorError.invalidDimension(d) }
            result.sqliteLoadSeconds = min(result.sqliteLoadSeconds, seconds)
        }
    }

    private func postgres(_ matrix: [Float], into result: inout Result, log: (String) -> Void) async throws {
        let name = "dict_bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        _ = try await PostgresSession.withSession(to: location) { admin in try await admin.execute("CREATE DATABASE \(name)") }
        let target = location.with(database: String(name))
        do {
            _ = try await PostgresSession.withSession(to: target) { session in
                try await PostgresMigrationRunner(schema: "dictionary", files: Service.dictionary.postgresMigrationFiles).migrate(in: session)
            }
            try await PostgresSession.withSession(to: target, schema: "dictionary") { session in
                try await session.copy(into: "dictionary_entries", columns: Self.entryColumns, rows: n) { i, text in
                    for value in Self.entryValues(i) { text.append(value) }
                }
                log("n=\(n) d=\(d): PostgreSQL import (COPY)")
                let started = Date()
                try await session.copy(into: "term_embeddings", columns: ["entry_id", "model", "dimension", "chunk", "embedding"], rows: n) { i, text in
                    text.append(VectorBenchmark.entryID(i))
                    text.append("bench")
                    text.append(d)
                    text.append(0)
                    text.append(littleEndianFloats: matrix[(i * d)..<((i + 1) * d)])
                }
                result.postgresImportSeconds = Date().timeIntervalSince(started)
                try await session.execute("VACUUM ANALYZE term_embeddings")
                log("n=\(n) d=\(d): PostgreSQL load")
                for _ in 0..<3 {
                    let readStarted = Date()
                    let snapshot = try await PostgresVectorSnapshot.load(session: session, model: "bench", dimension: d)
                    result.postgresReadSeconds = min(result.postgresReadSeconds, Date().timeIntervalSince(readStarted))
                    var index: EmbeddingIndex?
                    let seconds = try BenchmarkTiming.seconds { index = try EmbeddingIndex.load(model: "bench", dimension: d, from: snapshot) }
                    guard index?.count == n else { throw VectorError.invalidDimension(d) }
                    result.postgresIndexSeconds = min(result.postgresIndexSeconds, seconds)
                }
            }
        } catch {
            _ = try? await PostgresSession.withSession(to: location) { admin in try await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
            throw error
        }
        _ = try await PostgresSession.withSession(to: location) { admin in try await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    static let entryColumns = ["id", "term", "normalized_term", "folded_term", "lang", "type", "overall_score"]
    static let entrySQLite = """
        INSERT INTO dictionary_entries (id, term, normalized_term, folded_term, lang, type, overall_score) VALUES (?, ?, ?, ?, ?, ?, ?)
        """

    /// Entry `i`: the vector benchmark's ids, cycling languages, types and scores.
    static func entryValues(_ i: Int) -> [String] {
        let langs = ["en", "es", "fr", "de", "zh-CN", "zh-TW"]
        let types = ["tempo", "form", "genre"]
        return [VectorBenchmark.entryID(i), "t\(i)", "t\(i)", "t\(i)", langs[i % 6], types[i % 3], String(i % 101)]
    }
}
