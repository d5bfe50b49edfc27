package import DictStore
import GRDB

/// Read-only counts over the entries and their vectors, for `/health`, `/readyz`, the metrics gauges, `dict doctor`
/// and `dict embed`: the SQL stays here, in the store's module, so the HTTP and CLI layers never name a table.
/// Each call is one indexed aggregate in a read snapshot.
package struct DictionaryStatistics: Sendable {
    /// The dictionary database.
    package let database: StoreDatabase

    /// Counts over `database`.
    package init(database: StoreDatabase) {
        self.database = database
    }

    /// Whether the dictionary holds at least one entry.
    package func hasEntries() throws -> Bool {
        try database.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM dictionary_entries)") ?? false }
    }

    /// Entries and stored vectors (every model), read in one snapshot.
    package func totals() throws -> (entries: Int, embeddings: Int) {
        try database.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM dictionary_entries") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM term_embeddings") ?? 0)
        }
    }

    /// Entries per language code.
    package func entriesPerLanguage() throws -> [String: Int] {
        try counts(sql: "SELECT lang AS k, count(*) AS n FROM dictionary_entries GROUP BY lang")
    }

    /// Stored vectors per model name.
    package func embeddingsPerModel() throws -> [String: Int] {
        try counts(sql: "SELECT model AS k, count(*) AS n FROM term_embeddings GROUP BY model")
    }

    /// How far `model`'s vectors cover the dictionary.
    package func coverage(model: String) throws -> EmbeddingCoverage {
        try database.read { db in
            EmbeddingCoverage(
                entries: try Int.fetchOne(db, sql: "SELECT count(*) FROM dictionary_entries") ?? 0,
                coveredEntries: try Int.fetchOne(
                    db, sql: "SELECT count(DISTINCT entry_id) FROM term_embeddings WHERE model = ?", arguments: [model]) ?? 0,
                vectors: try Int.fetchOne(db, sql: "SELECT count(*) FROM term_embeddings WHERE model = ?", arguments: [model]) ?? 0)
        }
    }

    /// The length of `model`'s stored vectors; nil when it has none.
    package func storedDimension(model: String) throws -> Int? {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT dimension FROM term_embeddings WHERE model = ? LIMIT 1", arguments: [model])
        }
    }

    private func counts(sql: String) throws -> [String: Int] {
        try database.read { db in
            var result: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql) { result[row["k"]] = row["n"] }
            return result
        }
    }
}
