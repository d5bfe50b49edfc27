import DictStore
import DictVectors
import DictionaryCore
import Foundation
package import GRDB

/// A `VectorWriter` into `term_embeddings` through DictVectors' `EmbeddingStore` (which validates dimension, NaN,
/// infinity and zero vectors and writes little-endian float32 BLOBs of exactly 4 × dimension bytes). An entry's
/// previous vectors for the model are deleted and the new ones inserted, so rewritten vectors get new, higher row
/// ids that other processes' indexes notice.
package struct TermEmbeddingWriter: VectorWriter {
    /// The documented defaults.
    package init() {}

    /// Replaces every vector of `(entryID, model)` with `vectors` (chunk i = vectors[i]).
    package func write(entryID: String, model: String, vectors: [[Float]], sourceHash: String, in db: Database) throws {
        guard let dimension = vectors.first?.count else { return }
        let store = try EmbeddingStore(model: model, dimension: dimension)
        let records = vectors.enumerated().map { EmbeddingRecord(entryID: entryID, chunk: $0.offset, vector: $0.element, sourceHash: sourceHash) }
        try store.validate(records)
        _ = try store.delete(entryID: entryID, in: db)
        // The caller's savepoint already covers the delete, the insert and the attributes; a second one per item
        // would copy each touched page to a statement journal again.
        _ = try store.writeRollingBackWithCaller(records, in: db)
        try SenseAttributes.fill(entryID: entryID, model: model, in: db)
    }
}
