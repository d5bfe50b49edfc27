/// A lemma's sense as `cntlist.rev` numbers it: the lower-cased lemma (spaces, not underscores), the data file of
/// its part of speech, and its 1-based rank among the lemma's senses in that file's index.
public struct WordNetSenseNumber: Sendable, Hashable {
    public var lemma: String
    public var file: WordNetDataFile
    public var number: Int

    public init(lemma: String, file: WordNetDataFile, number: Int) {
        self.lemma = lemma
        self.file = file
        self.number = number
    }
}
