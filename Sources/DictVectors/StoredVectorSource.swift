/// Where an index's rows come from. DictVectors reads entries and vectors only through this and never names a
/// table; the dictionary's store implements it (DictionaryCore's `SQLiteVectorSource` is the first conformer), so
/// another database engine plugs in here. A conformer answers from one consistent snapshot. Pointers handed to a
/// body are valid only during that call.
package protocol StoredVectorSource {
    /// How many entries the dictionary holds (a capacity hint for the bulk load).
    func entryCount() throws -> Int

    /// How many vectors `model` has (a capacity hint for the bulk load).
    func vectorCount(model: String) throws -> Int

    /// Every entry once, in a stable order, with its filter attributes; `id` is the entry id's UTF-8 bytes.
    func forEachEntry(_ body: (_ id: UnsafeBufferPointer<UInt8>, _ attributes: EntryAttributes) throws -> Void) throws

    /// Every vector of `model` in ascending row id, its dimension and byte length already checked against
    /// `dimension` (`VectorError.storedDimensionMismatch`, `.malformedBlob`). `withDetails` asks for each row's
    /// chunk, part of speech and sense frequency; without it they are 0, nil and 0.
    func forEachVector(model: String, dimension: Int, withDetails: Bool, _ body: (StoredVector) throws -> Void) throws

    /// The vectors of `entryIDs` for `model` with their entries' attributes, ascending row id, checked as above
    /// (not yet for NaN or zero: the index does that).
    func vectors(model: String, dimension: Int, entryIDs: [String]) throws -> [IndexedVector]
}
