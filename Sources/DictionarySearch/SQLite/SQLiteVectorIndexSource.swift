package import DictStore
package import DictVectors
import DictionaryCore
import GRDB

/// `VectorIndexSource` over the SQLite dictionary database: every call reads the database as it is now.
package struct SQLiteVectorIndexSource: VectorIndexSource {
    package let database: StoreDatabase

    package init(database: StoreDatabase) { self.database = database }

    package func vectorCount(model: String) throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM term_embeddings WHERE model = ?", arguments: [model]) ?? 0
        }
    }

    package func loadIndex(model: String, dimension: Int, quantize: Bool, rowDetails: (StoredRowDetails) -> Void) throws -> EmbeddingIndex {
        try withoutActuallyEscaping(rowDetails) { rowDetails in
            try EmbeddingIndex.load(model: model, dimension: dimension, from: database, quantize: quantize, rowDetails: rowDetails)
        }
    }

    package func refresh(_ index: EmbeddingIndex, entryIDs: [String]) throws {
        try index.refresh(entryIDs: entryIDs, from: database)
    }

    /// One scan of the entries with their word frequencies, in `seq` order.
    package func entryPriorInputs() throws -> [EntryPriorInput] {
        try database.read { db in
            var result: [EntryPriorInput] = []
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT e.id, coalesce(f.zipf, 0), e.type <> 'general' FROM dictionary_entries e
                LEFT JOIN word_frequencies f ON f.lang = e.lang AND f.word = e.normalized_term
                ORDER BY e.seq
                """)
            while let row = try cursor.next() { result.append(EntryPriorInput(id: row[0], zipf: row[1], specialist: row[2])) }
            return result
        }
    }

    /// 500 entries per statement, by the `(entry_id, model, chunk)` index.
    package func vectorPriorInputs(model: String, entryIDs: [String]) throws -> [VectorPriorInput] {
        try database.read { db in
            var result: [VectorPriorInput] = []
            var start = 0
            while start < entryIDs.count {
                let chunk = Array(entryIDs[start..<min(start + 500, entryIDs.count)])
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT t.id, t.entry_id, t.chunk, t.part_of_speech, coalesce(t.sense_frequency, 0), coalesce(f.zipf, 0),
                           e.type <> 'general'
                    FROM term_embeddings t JOIN dictionary_entries e ON e.id = t.entry_id
                    LEFT JOIN word_frequencies f ON f.lang = e.lang AND f.word = e.normalized_term
                    WHERE t.model = ? AND t.entry_id IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ",")))
                    """, arguments: StatementArguments([model] + chunk))
                while let row = try rows.next() {
                    result.append(VectorPriorInput(rowID: row[0], entryID: row[1], chunk: row[2], partOfSpeech: row[3],
                                                   senseFrequency: row[4], zipf: row[5], specialist: row[6]))
                }
                start += 500
            }
            return result
        }
    }
}
