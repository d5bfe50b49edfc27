package import DictVectors

/// Where a `VectorIndexBackend` reads its index and the priors of its vectors, one conformer per engine:
/// `SQLiteVectorIndexSource` reads the dictionary database at every call; a `PostgresVectorSnapshot` answers from
/// the rows it read at load.
package protocol VectorIndexSource: Sendable {
    /// How many vectors `model` has.
    func vectorCount(model: String) throws -> Int

    /// `model`'s index (with the int8 copy when `quantize`), each loaded row's details handed to `rowDetails`.
    func loadIndex(model: String, dimension: Int, quantize: Bool, rowDetails: (StoredRowDetails) -> Void) throws -> EmbeddingIndex

    /// Re-reads `entryIDs`' vectors into `index` (`EmbeddingIndex.refresh`).
    func refresh(_ index: EmbeddingIndex, entryIDs: [String]) throws

    /// Every entry's prior inputs in the entries' row order (`seq`), the order the index load reads entries in.
    func entryPriorInputs() throws -> [EntryPriorInput]

    /// The prior inputs of the vectors of `model` belonging to `entryIDs`, in any order.
    func vectorPriorInputs(model: String, entryIDs: [String]) throws -> [VectorPriorInput]
}
