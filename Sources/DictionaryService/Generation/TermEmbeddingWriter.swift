import DictStore
import Foundation
import GRDB

/// A `VectorWriter` into `term_embeddings`: one row per (entry, model, chunk 0), the vector as a little-endian
/// float32 BLOB of exactly 4 × dimension bytes (no header), replacing any previous vector for that key.
public struct TermEmbeddingWriter: VectorWriter {
    /// The documented defaults.
    public init() {}

    /// Upserts chunk 0 of `(entryID, model)`.
    public func write(entryID: String, model: String, vector: [Float], sourceHash: String, in db: Database) throws {
        var bytes = Data(capacity: vector.count * 4)
        for value in vector {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        try db.execute(
            sql: """
                INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding, source_hash, created_at)
                VALUES (?, ?, ?, 0, ?, ?, ?)
                ON CONFLICT (entry_id, model, chunk) DO UPDATE SET
                    dimension = excluded.dimension, embedding = excluded.embedding, source_hash = excluded.source_hash,
                    created_at = excluded.created_at
                """,
            arguments: [entryID, model, vector.count, bytes, sourceHash, Timestamp.now()]
        )
    }
}
