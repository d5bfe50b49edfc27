import DictMigrations
import DictPostgres
import DictTesting
import DictVectors
import Foundation
import NIOCore
import PostgresNIO
import Testing
@testable import DictionaryCore
@testable import DictionarySearch

/// A search index loaded on one connection follows what other connections commit later (issue 17): the change
/// sequence (`embedding_changes`, migration 0004) numbers changes in commit order, and `PostgresVectorFollower`
/// applies inserts, re-embeddings, deletions (also by a deleted entry) and changed filter attributes, so the followed
/// index answers every query as an index loaded afresh does.
@Suite("Vector index following PostgreSQL's changes", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresVectorFollowerTests {
    static let dimension = 8

    static func vector(_ random: inout SeededGenerator) -> ByteBuffer {
        let values = (0..<dimension).map { _ in Float.random(in: -1...1, using: &random) }
        return ByteBuffer(bytes: values.flatMap { value -> [UInt8] in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } })
    }

    static func addEntry(_ id: String, lang: String = "en", chunks: Int, random: inout SeededGenerator, session: PostgresSession) async throws {
        try await session.query("""
            INSERT INTO dictionary_entries (id, term, normalized_term, folded_term, lang, type) VALUES (\(id), \(id), \(id), \(id), \(lang), 'general')
            """)
        for chunk in 0..<chunks {
            let blob = vector(&random)
            try await session.query("""
                INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding) VALUES (\(id), 'm', \(dimension), \(chunk), \(blob))
                """)
        }
    }

    static func backend(_ session: PostgresSession) async throws -> (VectorIndexBackend, PostgresVectorSnapshot) {
        let snapshot = try await PostgresVectorSnapshot.load(session: session, model: "m", dimension: dimension)
        return (try VectorIndexBackend(source: snapshot, changes: nil, model: "m", dimension: dimension, scan: .exact), snapshot)
    }

    /// What `backend` answers for `queries`, with and without a language filter: entry, row and cosine of each hit.
    static func answers(_ backend: VectorIndexBackend, _ queries: [UnitVector]) throws -> [String] {
        try queries.flatMap { query in
            try [SearchFilters(), SearchFilters(languages: [.de])].map { filters in
                try backend.search(query: query, k: 10, filters: filters, partOfSpeech: nil, minSimilarity: -1)
                    .map { "\($0.entryID)/\($0.rowID ?? -1)/\(String(format: "%.5f", $0.similarity))" }.joined(separator: " ")
            }
        }
    }

    @Test("Inserts, re-embeddings, deletions and attribute changes reach a loaded index; it then equals a fresh load")
    func followsEveryKindOfWrite() async throws {
        try await PostgresTestDatabase.with { database in
            try await PostgresSession.withSession(to: database.location) { session in
                try await PostgresMigrationRunner(schema: "dictionary", files: Service.dictionary.postgresMigrationFiles).migrate(in: session)
            }
            try await PostgresSession.withSession(to: database.location, schema: "dictionary") { writer in
                try await PostgresSession.withSession(to: database.location, schema: "dictionary") { reader in
                    var random = SeededGenerator(seed: 17)
                    for i in 0..<60 { try await Self.addEntry("e\(i)", lang: i % 3 == 0 ? "de" : "en", chunks: 1 + i % 2, random: &random, session: writer) }
                    let (followed, snapshot) = try await Self.backend(reader)
                    let follower = PostgresVectorFollower(session: reader, backend: followed, dimension: Self.dimension, position: snapshot.changePosition)
                    #expect(try await follower.poll() == 0, "nothing after the snapshot's position")
                    let queries = (0..<12).map { _ in
                        try! UnitVector(normalizing: (0..<Self.dimension).map { _ in Float.random(in: -1...1, using: &random) }, dimension: Self.dimension)
                    }

                    // New entries, a re-embedded vector, a new chunk, deleted vectors, a deleted entry, changed languages.
                    for i in 60..<70 { try await Self.addEntry("e\(i)", chunks: 2, random: &random, session: writer) }
                    let blob = Self.vector(&random), extra = Self.vector(&random)
                    try await writer.query("UPDATE term_embeddings SET embedding = \(blob) WHERE entry_id = 'e1' AND chunk = 0")
                    // A writer whose search_path lacks the schema (psql, another tool) is recorded too.
                    try await PostgresSession.withSession(to: database.location) { outsider in
                        try await outsider.query("""
                            INSERT INTO dictionary.term_embeddings (entry_id, model, dimension, chunk, embedding) VALUES ('e2', 'm', \(Self.dimension), 5, \(extra))
                            """)
                    }
                    try await writer.execute("DELETE FROM term_embeddings WHERE entry_id IN ('e3', 'e5') AND chunk = 1")
                    try await writer.execute("DELETE FROM dictionary_entries WHERE id IN ('e7', 'e8')")
                    try await writer.execute("UPDATE dictionary_entries SET lang = 'de' WHERE id IN ('e10', 'e11', 'e13')")
                    // A write to another model and an update that changes no filter attribute record nothing for 'm'.
                    try await writer.execute("UPDATE dictionary_entries SET definition = '{\"concise\": \"x\"}' WHERE id = 'e20'")

                    let stale = try Self.answers(followed, queries)
                    let applied = try await follower.poll()
                    #expect(applied == 10 + 1 + 1 + 2 + 2 + 3, "each changed entry re-read once: \(applied)")
                    #expect(try await follower.poll() == 0)
                    let (fresh, _) = try await Self.backend(reader)
                    let expected = try Self.answers(fresh, queries)
                    #expect(try Self.answers(followed, queries) == expected)
                    #expect(expected != stale, "the writes changed the answers, so the comparison can fail")
                    #expect(followed.index.count == fresh.index.count)
                    // One change per (entry, model) and statement: 20 for the new entries' 20 vectors, 1 + 1 + 2 + 2 + 3 for the rest.
                    let last = try await reader.execute("SELECT max(seq) FROM embedding_changes").first?.decode(Int64.self)
                    #expect(follower.position == last && last == snapshot.changePosition + 29)
                }
            }
        }
    }

    @Test("Sequence numbers follow commit order: a writer waits for the one holding earlier numbers")
    func numbersFollowCommitOrder() async throws {
        try await PostgresTestDatabase.with { database in
            try await PostgresSession.withSession(to: database.location) { session in
                try await PostgresMigrationRunner(schema: "dictionary", files: Service.dictionary.postgresMigrationFiles).migrate(in: session)
            }
            try await PostgresSession.withSession(to: database.location, schema: "dictionary") { first in
                try await PostgresSession.withSession(to: database.location, schema: "dictionary") { second in
                    var random = SeededGenerator(seed: 3)
                    for id in ["a", "b"] {
                        try await first.query("INSERT INTO dictionary_entries (id, term, normalized_term, folded_term, type) VALUES (\(id), \(id), \(id), \(id), 'general')")
                    }
                    let (blobA, blobB) = (Self.vector(&random), Self.vector(&random))
                    try await first.execute("BEGIN")
                    try await first.query("INSERT INTO term_embeddings (entry_id, model, dimension, embedding) VALUES ('a', 'm', \(Self.dimension), \(blobA))")
                    let dimension = Self.dimension
                    let later = Task {
                        try await second.query("INSERT INTO term_embeddings (entry_id, model, dimension, embedding) VALUES ('b', 'm', \(dimension), \(blobB))")
                    }
                    // The second writer blocks on the first's lock until it commits.
                    try await Task.sleep(for: .milliseconds(400))
                    let visible = try await PostgresSession.withSession(to: database.location, schema: "dictionary") { observer in
                        try await observer.execute("SELECT count(*) FROM embedding_changes").first?.decode(Int.self)
                    }
                    #expect(visible == 0, "neither change is committed yet")
                    try await first.execute("COMMIT")
                    _ = try await later.value
                    let order = try await first.execute("SELECT entry_id FROM embedding_changes ORDER BY seq").map { try $0.decode(String.self) }
                    #expect(order == ["a", "b"])
                }
            }
        }
    }
}
