/// One word of a synset as written in the data file, already made readable.
package struct WordNetSynsetWord: Sendable, Hashable {
    /// The lemma with underscores turned into spaces and the adjective marker removed, case kept
    /// (e.g. `Johann Sebastian Bach`, `musical instrument`).
    package var lemma: String
    /// The `lex_id` hex digit that tells same-spelled senses apart in the lexicographer files.
    package var lexicalID: Int
    /// The syntactic marker of an adjective (`p`, `a`, `ip`), or nil.
    package var adjectiveMarker: String?

    /// Creates a word.
    package init(lemma: String, lexicalID: Int, adjectiveMarker: String? = nil) {
        self.lemma = lemma
        self.lexicalID = lexicalID
        self.adjectiveMarker = adjectiveMarker
    }
}
