package import DictStore
package import DictVectors
import GRDB

/// `VectorChangeFeed` over `term_embeddings`: row ids only grow (`AUTOINCREMENT`) and a rewrite deletes and
/// re-inserts, so the highest row id is the position and every entry with a row above it was written since.
/// Deletions are not in the feed (the search service re-checks every hit against the database).
package struct SQLiteVectorChanges: VectorChangeFeed {
    /// The dictionary database.
    package let database: StoreDatabase

    package init(database: StoreDatabase) {
        self.database = database
    }

    /// O(log n) by the `(model, id)` index.
    package func position(model: String) throws -> Int64 {
        try database.read { db in
            try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM term_embeddings WHERE model = ?", arguments: [model]) ?? 0
        }
    }

    package func entriesWritten(model: String, after position: Int64) throws -> [String] {
        try database.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT entry_id FROM term_embeddings WHERE model = ? AND id > ?",
                                arguments: [model, position])
        }
    }
}
