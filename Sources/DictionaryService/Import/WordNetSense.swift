/// One sense of a lemma: one of the synsets it belongs to, ready to become an entry's `definition.senses` item.
public struct WordNetSense: Sendable, Hashable {
    /// The synset this sense comes from.
    public var synsetID: WordNetSynsetID
    /// Its part of speech (`n`, `v`, `a`, `s`, `r`); `partOfSpeech.senseName` gives `noun`/`verb`/`adjective`/`adverb`.
    public var partOfSpeech: WordNetPartOfSpeech
    /// The lexicographer file name, e.g. `noun.artifact`.
    public var lexicographerFile: String
    /// The gloss's definition.
    public var definition: String
    /// The gloss's example sentences.
    public var examples: [String]
    /// The other words of the synset (readable form).
    public var synonyms: [String]
    /// Whether the synset is in the music domain (see `WordNetMusicClassifier`).
    public var isMusicDomain: Bool
    /// The suggested dictionary type for this sense.
    public var category: WordNetTermCategory
    /// How often this sense of the lemma was tagged in SemCor (`cntlist.rev`); nil when the file is absent.
    public var tagCount: Int?

    /// Creates a sense.
    public init(synsetID: WordNetSynsetID, partOfSpeech: WordNetPartOfSpeech, lexicographerFile: String,
                definition: String, examples: [String], synonyms: [String], isMusicDomain: Bool,
                category: WordNetTermCategory, tagCount: Int? = nil) {
        self.synsetID = synsetID
        self.partOfSpeech = partOfSpeech
        self.lexicographerFile = lexicographerFile
        self.definition = definition
        self.examples = examples
        self.synonyms = synonyms
        self.isMusicDomain = isMusicDomain
        self.category = category
        self.tagCount = tagCount
    }
}
