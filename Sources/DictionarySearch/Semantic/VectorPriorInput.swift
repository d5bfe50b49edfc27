/// What one stored vector gives its prior and its entry's sense totals.
package struct VectorPriorInput: Sendable {
    package var rowID: Int64
    package var entryID: String
    /// The sense's position in its entry.
    package var chunk: Int
    /// The sense's part of speech name, nil when unknown.
    package var partOfSpeech: String?
    /// The sense's tagged-corpus frequency, 0 when unknown.
    package var senseFrequency: Int
    /// The entry's `EntryPriorInput` values.
    package var zipf: Double
    package var specialist: Bool

    package init(rowID: Int64, entryID: String, chunk: Int, partOfSpeech: String?, senseFrequency: Int, zipf: Double, specialist: Bool) {
        self.rowID = rowID; self.entryID = entryID; self.chunk = chunk; self.partOfSpeech = partOfSpeech
        self.senseFrequency = senseFrequency; self.zipf = zipf; self.specialist = specialist
    }
}
