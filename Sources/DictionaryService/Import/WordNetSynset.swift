/// One synset (one line of a WordNet 3.0 `data.*` file), parsed.
public struct WordNetSynset: Sendable, Hashable {
    /// Data file plus byte offset.
    public var id: WordNetSynsetID
    /// The synset type (`n`, `v`, `a`, `s`, `r`).
    public var partOfSpeech: WordNetPartOfSpeech
    /// The lexicographer file number (0…44).
    public var lexicographerFileNumber: Int
    /// The words of the synset in file order (the first is the head word).
    public var words: [WordNetSynsetWord]
    /// Relations to other synsets or words.
    public var pointers: [WordNetPointer]
    /// Generic sentence frames (verbs only; empty otherwise).
    public var verbFrames: [WordNetVerbFrame]
    /// The gloss's definition part (the text outside double quotes), trimmed.
    public var definition: String
    /// The gloss's quoted example sentences, without their quotes.
    public var examples: [String]

    /// Creates a synset.
    public init(id: WordNetSynsetID, partOfSpeech: WordNetPartOfSpeech, lexicographerFileNumber: Int,
                words: [WordNetSynsetWord], pointers: [WordNetPointer], verbFrames: [WordNetVerbFrame],
                definition: String, examples: [String]) {
        self.id = id
        self.partOfSpeech = partOfSpeech
        self.lexicographerFileNumber = lexicographerFileNumber
        self.words = words
        self.pointers = pointers
        self.verbFrames = verbFrames
        self.definition = definition
        self.examples = examples
    }

    /// The lexicographer file name, e.g. `noun.artifact`.
    public var lexicographerFileName: String {
        WordNetLexicographerFile.name(forNumber: lexicographerFileNumber) ?? "unknown"
    }

    /// The lemmas in file order (readable form, case kept).
    public var lemmas: [String] { words.map(\.lemma) }
}
