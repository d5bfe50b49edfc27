/// One sense of a lemma: one of the synsets it belongs to, ready to become an entry's `definition.senses` item.
package struct WordNetSense: Sendable, Hashable {
    /// The synset this sense comes from.
    package var synsetID: WordNetSynsetID
    /// Its part of speech (`n`, `v`, `a`, `s`, `r`); `partOfSpeech.senseName` gives `noun`/`verb`/`adjective`/`adverb`.
    package var partOfSpeech: WordNetPartOfSpeech
    /// The lexicographer file name, e.g. `noun.artifact`.
    package var lexicographerFile: String
    /// The gloss's definition.
    package var definition: String
    /// The gloss's example sentences.
    package var examples: [String]
    /// The other words of the synset (readable form).
    package var synonyms: [String]
    /// Whether the synset is in the music domain (see `WordNetMusicClassifier`).
    package var isMusicDomain: Bool
    /// The suggested dictionary type for this sense.
    package var category: WordNetTermCategory
    /// How often this sense of the lemma was tagged in SemCor (`cntlist.rev`); nil when the file is absent.
    package var tagCount: Int?

    /// Creates a sense.
    package init(synsetID: WordNetSynsetID, partOfSpeech: WordNetPartOfSpeech, lexicographerFile: String,
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
