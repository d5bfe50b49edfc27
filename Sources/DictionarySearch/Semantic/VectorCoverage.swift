package import DictStore
import GRDB

/// Tells a semantic or hybrid search that entries have no vectors yet, so "No results" is not mistaken for "no
/// match": the dictionary was imported but `dict embed` never ran (or has not finished). `dict doctor` reports the
/// same coverage.
package enum VectorCoverage {
    /// A note for a search in `mode` that returned `resultCount` hits, or nil. Costs one indexed `EXISTS` per
    /// semantic or hybrid search; the full count of entries without vectors runs only when semantic search found
    /// nothing.
    package static func note(database: StoreDatabase, mode: SearchMode, resultCount: Int) throws -> String? {
        guard mode == .semantic || mode == .hybrid else { return nil }
        return try database.read { db -> String? in
            let anyVector = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM term_embeddings)") ?? false
            let anyEntry = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM dictionary_entries)") ?? false
            guard anyEntry else { return nil }
            if !anyVector { return "no entry has a vector yet, so semantic search cannot match anything: run `dict embed`" }
            guard mode == .semantic, resultCount == 0 else { return nil }
            let missing = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM dictionary_entries e
                WHERE NOT EXISTS (SELECT 1 FROM term_embeddings t WHERE t.entry_id = e.id)
                """) ?? 0
            return missing > 0 ? "\(missing) entries have no vector yet: run `dict embed`" : nil
        }
    }
}
