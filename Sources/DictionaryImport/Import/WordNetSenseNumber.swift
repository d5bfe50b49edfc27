/// A lemma's sense as `cntlist.rev` numbers it: the lower-cased lemma (spaces, not underscores), the data file of
/// its part of speech, and its 1-based rank among the lemma's senses in that file's index.
package struct WordNetSenseNumber: Sendable, Hashable {
    package var lemma: String
    package var file: WordNetDataFile
    package var number: Int

    package init(lemma: String, file: WordNetDataFile, number: Int) {
        self.lemma = lemma
        self.file = file
        self.number = number
    }
}
