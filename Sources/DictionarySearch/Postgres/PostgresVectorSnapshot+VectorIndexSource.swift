package import DictVectors
package import DictionaryCore

/// A PostgreSQL snapshot as a `VectorIndexBackend`'s source: everything answered from the rows read at load
/// (`PostgresVectorSnapshot.load`), so the backend never blocks on the network; a backend over a snapshot follows
/// no later writes.
extension PostgresVectorSnapshot: VectorIndexSource {
    package func loadIndex(model: String, dimension: Int, quantize: Bool, rowDetails: (StoredRowDetails) -> Void) throws -> EmbeddingIndex {
        try withoutActuallyEscaping(rowDetails) { rowDetails in
            try EmbeddingIndex.load(model: model, dimension: dimension, from: self, quantize: quantize, rowDetails: rowDetails)
        }
    }

    package func refresh(_ index: EmbeddingIndex, entryIDs: [String]) throws {
        try index.refresh(entryIDs: entryIDs, from: self)
    }

    package func entryPriorInputs() throws -> [EntryPriorInput] {
        entryPriors().map { EntryPriorInput(id: $0.id, zipf: $0.zipf, specialist: $0.specialist) }
    }

    package func vectorPriorInputs(model: String, entryIDs: [String]) throws -> [VectorPriorInput] {
        guard model == self.model else { return [] }
        return rowDetails(ofEntries: entryIDs).map {
            VectorPriorInput(rowID: $0.rowID, entryID: $0.entryID, chunk: $0.chunk, partOfSpeech: $0.partOfSpeech,
                             senseFrequency: $0.senseFrequency, zipf: $0.zipf, specialist: $0.specialist)
        }
    }
}
