import DictStore
import Foundation
import GRDB

/// A `VectorWriter` into `term_embeddings`: one row per (entry, model, chunk), each vector a little-endian float32
/// BLOB of exactly 4 × dimension bytes (no header), replacing previous vectors for that entry and model.
public struct TermEmbeddingWriter: VectorWriter {
    /// The documented defaults.
    public init() {}

    /// Upserts chunks 0..<vectors.count of `(entryID, model)` and deletes higher chunks.
    public func write(entryID: String, model: String, vectors: [[Float]], sourceHash: String, in db: Database) throws {
        let now = Timestamp.now()
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding, source_hash, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (entry_id, model, chunk) DO UPDATE SET
                dimension = excluded.dimension, embedding = excluded.embedding, source_hash = excluded.source_hash,
                created_at = excluded.created_at
            """)
        for (chunk, vector) in vectors.enumerated() {
            var bytes = Data(count: vector.count * 4)
            bytes.withUnsafeMutableBytes { raw in
                for (index, value) in vector.enumerated() {
                    raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: index * 4, as: UInt32.self)
                }
            }
            try upsert.execute(arguments: [entryID, model, vector.count, chunk, bytes, sourceHash, now])
        }
        try db.cachedStatement(sql: "DELETE FROM term_embeddings WHERE entry_id = ? AND model = ? AND chunk >= ?")
            .execute(arguments: [entryID, model, vectors.count])
    }
}
