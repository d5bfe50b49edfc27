/// What an entry gives the priors of its vectors.
package struct EntryPriorInput: Sendable {
    package var id: String
    /// Zipf frequency of the entry's normalized term in its language, 0 when the word list lacks it.
    package var zipf: Double
    /// True for a specialist term (`type` other than `general`).
    package var specialist: Bool

    package init(id: String, zipf: Double, specialist: Bool) {
        self.id = id; self.zipf = zipf; self.specialist = specialist
    }
}
