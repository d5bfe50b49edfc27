/// Everything WordNet says about one lemma, grouped for a dictionary entry (lemma → term).
package struct WordNetLemma: Sendable, Hashable {
    /// The lookup key: the lemma lower-cased, underscores as spaces (`musical instrument`).
    package var key: String
    /// The display form of the first sense's word, case kept (`Bach`, `musical instrument`).
    package var term: String
    /// Senses: nouns, then verbs, adjectives, adverbs; within a part of speech most frequent first (index files).
    package var senses: [WordNetSense]
    /// Other words of its synsets, first-sense synonyms first, without duplicates or the lemma itself.
    package var synonyms: [String]
    /// Words reached by hypernym, instance-hypernym, similar-to and also-see pointers (lexical ones only from this
    /// word), without duplicates, synonyms or the lemma itself.
    package var relatedTerms: [String]
    /// Words reached by antonym pointers from this word.
    package var antonyms: [String]

    /// Creates a lemma record.
    package init(key: String, term: String, senses: [WordNetSense], synonyms: [String], relatedTerms: [String],
                antonyms: [String]) {
        self.key = key
        self.term = term
        self.senses = senses
        self.synonyms = synonyms
        self.relatedTerms = relatedTerms
        self.antonyms = antonyms
    }

    /// True when any sense is in the music domain.
    package var isMusicDomain: Bool { senses.contains(where: \.isMusicDomain) }

    /// The entry type to store: the first music-domain sense's category that is not general, else general.
    package var suggestedCategory: WordNetTermCategory {
        senses.first { $0.isMusicDomain && $0.category != .general }?.category ?? .general
    }

    /// The first sense's definition, for `definition.concise`.
    package var conciseDefinition: String { senses.first?.definition ?? "" }
}
