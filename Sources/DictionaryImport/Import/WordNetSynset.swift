/// One synset (one line of a WordNet 3.0 `data.*` file), parsed.
package struct WordNetSynset: Sendable, Hashable {
    /// Data file plus byte offset.
    package var id: WordNetSynsetID
    /// The synset type (`n`, `v`, `a`, `s`, `r`).
    package var partOfSpeech: WordNetPartOfSpeech
    /// The lexicographer file number (0…44).
    package var lexicographerFileNumber: Int
    /// The words of the synset in file order (the first is the head word).
    package var words: [WordNetSynsetWord]
    /// Relations to other synsets or words.
    package var pointers: [WordNetPointer]
    /// Generic sentence frames (verbs only; empty otherwise).
    package var verbFrames: [WordNetVerbFrame]
    /// The gloss's definition part (the text outside double quotes), trimmed.
    package var definition: String
    /// The gloss's quoted example sentences, without their quotes.
    package var examples: [String]

    /// Creates a synset.
    package init(id: WordNetSynsetID, partOfSpeech: WordNetPartOfSpeech, lexicographerFileNumber: Int,
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
    package var lexicographerFileName: String {
        WordNetLexicographerFile.name(forNumber: lexicographerFileNumber) ?? "unknown"
    }

    /// The lemmas in file order (readable form, case kept).
    package var lemmas: [String] { words.map(\.lemma) }
}
