import DictStore
package import DictionaryCore
import GRDB

/// The reads of semantic and hybrid search on SQLite (`SearchStore`'s last section).
extension SQLiteSearchStore {
    package func entries(ids: [String]) async throws -> [String: DictionaryEntry] {
        try database.read { db in try Self.entries(ids: ids, db: db) }
    }

    package func languages(ids: [String]) async throws -> [String: Language] {
        try database.read { db in try Self.languages(ids: ids, db: db) }
    }

    package func facetCounts(_ facets: [SearchFacet], ids: [String]) async throws -> [SearchFacet: [String: Int]] {
        try database.read { db in try Self.facetCounts(facets, ids: ids, db: db) }
    }

    package func knownWordCount(of tokens: [String]) async throws -> Int {
        try database.read { db in try DictionaryVocabulary.knownCount(of: tokens, in: db) }
    }

    package func candidateRecords(for matches: [SemanticMatch]) async throws -> [String: CandidateRecord] {
        try database.read { db in try CandidateRecordReader.records(for: matches, in: db) }
    }

    package func vectorPresence() async throws -> (anyEntry: Bool, anyVector: Bool) {
        try database.read { db in
            (try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM dictionary_entries)") ?? false,
             try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM term_embeddings)") ?? false)
        }
    }

    package func entriesWithoutVectors() async throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM dictionary_entries e WHERE NOT EXISTS (SELECT 1 FROM term_embeddings t WHERE t.entry_id = e.id)
                """) ?? 0
        }
    }

    package func translations(of sourceIDs: [String], passing filters: SearchFilters) async throws -> [String: [String]] {
        try database.read { db in try TranslationLinks.translations(of: sourceIDs, passing: filters, db: db) }
    }

    /// The language of each of `ids` (vanished entries are absent). O(k log n).
    static func languages(ids: [String], db: Database) throws -> [String: Language] {
        var result: [String: Language] = [:]
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let sql = "SELECT id, lang FROM dictionary_entries WHERE id IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))"
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: StatementArguments(chunk))
            while let row = try rows.next() {
                if let lang = Language(rawValue: row[1]) { result[row[0]] = lang }
            }
            start += 500
        }
        return result
    }

    /// Entries by id, in one query per 500 ids, keyed by id.
    static func entries(ids: [String], db: Database) throws -> [String: DictionaryEntry] {
        var result: [String: DictionaryEntry] = [:]
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let sql = "SELECT \(EntryRow.columns) FROM dictionary_entries e WHERE e.id IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))"
            for row in try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(chunk)) {
                let entry = try EntryRow.decode(row)
                result[entry.id] = entry
            }
            start += 500
        }
        return result
    }

    /// Counts over the entries with these ids (semantic and hybrid: the ranked hits above the score floor), one
    /// statement per 500 ids.
    static func facetCounts(_ facets: [SearchFacet], ids: [String], db: Database) throws -> [SearchFacet: [String: Int]] {
        var tally = FacetTally(facets)
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            try tally.add(db, sql: """
                SELECT lang, type, count(*) FROM dictionary_entries
                WHERE id IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ","))) GROUP BY lang, type
                """, arguments: StatementArguments(chunk))
            start += 500
        }
        return tally.counts
    }
}
