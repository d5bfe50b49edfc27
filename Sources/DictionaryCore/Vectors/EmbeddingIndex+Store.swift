package import DictStore
package import DictVectors

extension EmbeddingIndex {
    /// Loads `model`'s vectors from the dictionary database in one read snapshot (`load(model:dimension:from:)`
    /// over `SQLiteVectorSource`).
    package static func load(
        model: String, dimension: Int, from database: StoreDatabase, quantize: Bool = false,
        rowDetails: ((StoredRowDetails) -> Void)? = nil
    ) throws -> EmbeddingIndex {
        try database.read { db in
            try load(model: model, dimension: dimension, from: SQLiteVectorSource(db), quantize: quantize, rowDetails: rowDetails)
        }
    }

    /// Re-reads `entryIDs`' vectors from the dictionary database in one read snapshot and replaces them in the index.
    package func refresh(entryIDs: some Sequence<String>, from database: StoreDatabase) throws {
        try database.read { db in try refresh(entryIDs: entryIDs, from: SQLiteVectorSource(db)) }
    }
}
