import DictionaryCore
/// One semantic candidate as the ranker reads it: the matched sense vector (its position among the entry's
/// vectors, part of speech, tagged-corpus frequency and gloss) and the few entry fields ranking and filtering need.
/// Full entries are decoded only for the page returned (`CandidateRecordReader`).
package struct CandidateRecord: Sendable, Hashable {
    /// `term_embeddings.id` of the matched vector.
    var rowID: Int64
    var entryID: String
    var term: String
    var normalizedTerm: String
    var lang: Language
    var type: TermType
    var overallScore: Double
    /// The matched sense's gloss (the entry's concise text when it has no senses).
    var gloss: String
    /// `term_embeddings.chunk` of the matched vector: 0 for the entry's first (most common) sense.
    var chunk: Int
    var partOfSpeech: PartOfSpeech?
    /// Tag count of the matched sense (0 when unknown).
    var senseFrequency: Int
    /// Zipf frequency of the entry's normalized term in its language (0 when the word list lacks it, as for most
    /// multi-word terms).
    var zipf: Double
    /// Vectors (senses) the entry has for this model, and the sum of their tag counts.
    var senseCount: Int
    var totalSenseFrequency: Int

    /// True when the entry passes `filters`.
    func passes(_ filters: SearchFilters) -> Bool {
        filters.matches(lang: lang, type: type, overallScore: overallScore)
    }
}
