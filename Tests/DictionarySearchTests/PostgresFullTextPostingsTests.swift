import DictMigrations
import DictPostgres
import DictTesting
import Foundation
import PostgresNIO
import Testing
@testable import DictionaryCore
@testable import DictionarySearch

/// The full-text postings PostgreSQL's BM25 reads (`dictionary_fts_postings`, migration 0003) follow every write of
/// an entry: a multi-row insert, a single insert, an update of the definition and a delete leave exactly the
/// postings recomputed from the documents, and lexical search finds the new words and no longer the old ones.
@Suite("PostgreSQL full-text postings", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresFullTextPostingsTests {
    /// Rows in the stored postings but not in a recomputation from the documents, plus the reverse, plus documents
    /// whose stored length is not their tsvector's.
    static func drift(_ session: PostgresSession) async throws -> Int {
        let rows = try await session.execute("""
            WITH fresh AS (SELECT u.lexeme, f.seq, dict_lexeme_frequency(u.weights) AS frequency, dict_tsvector_length(f.document) AS length
                           FROM dictionary_fts f, unnest(f.document) u)
            SELECT (SELECT count(*) FROM (SELECT lexeme, seq, frequency, length FROM dictionary_fts_postings EXCEPT SELECT * FROM fresh) a)
                 + (SELECT count(*) FROM (SELECT * FROM fresh EXCEPT SELECT lexeme, seq, frequency, length FROM dictionary_fts_postings) b)
                 + (SELECT count(*) FROM dictionary_fts WHERE length <> dict_tsvector_length(document))
            """)
        return try rows.first?.decode(Int.self) ?? -1
    }

    static func insert(_ session: PostgresSession, id: String, term: String, concise: String) async throws {
        let definition = #"{"concise":"\#(concise)"}"#
        try await session.query("""
            INSERT INTO dictionary_entries (id, term, normalized_term, folded_term, lang, type, overall_score, definition)
            VALUES (\(id), \(term), \(term), \(term), 'en', 'general', 50, \(definition)::jsonb)
            """)
    }

    static func fullTextTerms(_ service: SearchService, _ query: String) async throws -> [String] {
        try await service.search(SearchRequest(query: query, mode: .lexical, limit: 20)).results.map(\.entry.term)
    }

    @Test func postingsFollowInsertsUpdatesAndDeletes() async throws {
        try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            // One statement, three entries: the statement-level trigger writes them together.
            try await session.execute("""
                INSERT INTO dictionary_entries (id, term, normalized_term, folded_term, lang, type, overall_score, definition, metadata)
                VALUES ('a', 'sofa', 'sofa', 'sofa', 'en', 'general', 50, '{"concise":"a long soft seat for several people"}', '{"synonyms":["couch"]}'),
                       ('b', 'bench', 'bench', 'bench', 'en', 'general', 50, '{"concise":"a long hard seat","senses":[{"pos":"noun","gloss":"a seat in a park"}]}', '{}'),
                       ('c', 'stool', 'stool', 'stool', 'en', 'general', 50, '{"concise":"a seat without a back, seat seat"}', '{}')
                """)
            try await Self.insert(session, id: "d", term: "scarf", concise: "a long piece of cloth worn around the neck")
            #expect(try await Self.drift(session) == 0)
            let postings = try await session.execute("SELECT count(*) FROM dictionary_fts_postings").first?.decode(Int.self) ?? 0
            #expect(postings > 20)
            // Term ×10, synonyms ×4, definition ×1 per position: "seat" twice... three times in stool's definition.
            let stoolSeat = try await session.execute("""
                SELECT p.frequency FROM dictionary_fts_postings p JOIN dictionary_entries e ON e.seq = p.seq
                WHERE e.id = 'c' AND p.lexeme = 'seat'
                """).first?.decode(Float.self)
            #expect(stoolSeat == 3)
            let sofaCouch = try await session.execute("""
                SELECT p.frequency FROM dictionary_fts_postings p JOIN dictionary_entries e ON e.seq = p.seq
                WHERE e.id = 'a' AND p.lexeme = 'couch'
                """).first?.decode(Float.self)
            #expect(sofaCouch == 4)

            let service = SearchService(store: PostgresSearchStore(session: session))
            #expect(try await Self.fullTextTerms(service, "soft seat").contains("sofa"))
            try await session.execute("""
                UPDATE dictionary_entries SET definition = '{"concise":"an upholstered piece of furniture"}' WHERE id = 'a'
                """)
            #expect(try await Self.drift(session) == 0)
            let fresh = SearchService(store: PostgresSearchStore(session: session))
            #expect(!(try await Self.fullTextTerms(fresh, "soft seat").contains("sofa")), "the old definition's words are gone")
            #expect(try await Self.fullTextTerms(fresh, "upholstered furniture") == ["sofa"])
            #expect(try await Self.fullTextTerms(fresh, "upholst") == ["sofa"], "the last word is a prefix")

            try await session.execute("DELETE FROM dictionary_entries WHERE id = 'b'")
            #expect(try await Self.drift(session) == 0)
            let orphans = try await session.execute("""
                SELECT count(*) FROM dictionary_fts_postings p WHERE NOT EXISTS (SELECT 1 FROM dictionary_entries e WHERE e.seq = p.seq)
                """).first?.decode(Int.self)
            #expect(orphans == 0)
            #expect(!(try await Self.fullTextTerms(fresh, "park").contains("bench")))
        }
    }
}
