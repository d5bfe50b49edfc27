/// One stored vector as a `StoredVectorSource` streams it: pointers into the store's own buffers, valid only
/// during the call that receives it (no copy, no allocation per row).
package struct StoredVector {
    /// The store's row id of this vector.
    package var rowID: Int64
    /// The entry id's UTF-8 bytes.
    package var entryID: UnsafeBufferPointer<UInt8>
    /// `dimension` floats in native byte order (not necessarily aligned).
    package var vector: UnsafeRawPointer
    /// The sense's position in its entry (0 unless details were asked for).
    package var chunk: Int
    /// The sense's part of speech, nil when unknown or not asked for.
    package var partOfSpeech: String?
    /// The sense's tagged-corpus frequency, 0 when unknown or not asked for.
    package var senseFrequency: Int

    package init(rowID: Int64, entryID: UnsafeBufferPointer<UInt8>, vector: UnsafeRawPointer, chunk: Int = 0,
                 partOfSpeech: String? = nil, senseFrequency: Int = 0) {
        self.rowID = rowID; self.entryID = entryID; self.vector = vector
        self.chunk = chunk; self.partOfSpeech = partOfSpeech; self.senseFrequency = senseFrequency
    }
}
