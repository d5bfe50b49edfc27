/// What ranking needs to know about a normalized query: its word tokens, the stems of its content words, and a
/// guess of the part of speech it describes. Cheap (one pass over the text), computed once per search.
struct QueryAnalysis: Sendable {
    /// Word tokens of the normalized query (`QueryText.tokens`), in order.
    let tokens: [String]
    /// The tokens as a set, for "the candidate is one of the query's own words".
    let tokenSet: Set<String>
    /// Stems of the tokens that are not stop words (all tokens' stems when every token is a stop word).
    let contentStems: Set<String>
    /// The part of speech the query most likely describes, from how English definitions start: "to …" describes
    /// a verb, "a/an/the …" a noun. Nil when the opening says nothing (adjectives and adverbs are described in too
    /// many ways for a reliable rule; the prior then favours no part of speech).
    let partOfSpeech: PartOfSpeech?

    init(normalized: String) {
        tokens = QueryText.tokens(normalized)
        tokenSet = Set(tokens)
        let content = tokens.filter { !StopWords.contains($0) }
        contentStems = Set((content.isEmpty ? tokens : content).map(LightStemmer.stem))
        partOfSpeech = Self.guessPartOfSpeech(tokens)
    }

    /// True for a description rather than a typed term: at least two word tokens.
    var isDescription: Bool { tokens.count >= 2 }

    private static func guessPartOfSpeech(_ tokens: [String]) -> PartOfSpeech? {
        guard tokens.count >= 2, let first = tokens.first else { return nil }
        switch first {
        case "to": return .verb
        case "a", "an", "the": return .noun
        default: return nil
        }
    }
}
