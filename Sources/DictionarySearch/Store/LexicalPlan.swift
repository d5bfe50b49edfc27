import DictionaryCore

/// What lexical search makes of a query before any engine reads: its keys, its word tokens (stop words aside), its
/// script, and which tiers it takes part in (see `SearchService.lexical`). Each `SearchStore` turns a plan into its
/// own indexed statements.
package struct LexicalPlan: Sendable {
    let normalized: String
    let folded: String
    /// Word tokens of the query, and those that are not stop words (all of them when every one is).
    let tokens: [String]
    let contentTokens: [String]
    let filters: SearchFilters
    /// Unicode scalars of the folded query; the trigram indexes need at least three.
    let length: Int
    let isCJK: Bool

    /// Typo matching skips trigrams held by more terms than this, and checks at most `shortlistSize` terms.
    static let postingsCap = 5_000
    static let shortlistSize = 400
    /// In the any-word fallback, a word found in more entries' text than this (about 2 % of WordNet: "having",
    /// "small", "used") is left out while a rarer word remains: its full-text weight is near zero, and ranking its
    /// thousands of matches cost 30 ms a query (Lucene's common-terms cutoff, for the same reason).
    static let commonWordCutoff = 3_000
    /// Substrings of terms are looked for in a query of at most this many words (or a CJK one): a longer query is a
    /// description, and reading the postings of its forty-odd trigrams cost 2 ms a query for nothing. A multi-word
    /// term holding such a query as whole words still matches it in the full-text tier (term ×10).
    static let containsMaxWords = 3

    init(normalized: String, filters: SearchFilters) {
        self.normalized = normalized
        folded = TermNormalizer.fold(normalized)
        tokens = QueryText.tokens(normalized)
        let content = tokens.filter { !StopWords.contains($0) }
        contentTokens = content.isEmpty ? tokens : content
        self.filters = filters
        length = folded.unicodeScalars.count
        isCJK = QueryText.cjkFraction(normalized) >= 0.5
    }

    /// Typos are looked for in a one- or two-word query of at least four letters (shorter words have too many
    /// neighbours at distance 1 to guess from).
    var allowsFuzzy: Bool { (1...2).contains(tokens.count) && length >= 4 && !isCJK }

    /// Whether the contains tier runs (see `containsMaxWords`).
    var allowsContains: Bool { tokens.count <= Self.containsMaxWords || isCJK }

    /// The term-key condition the query's term tiers share: contains (three or more characters when contains is
    /// allowed), else contains among Chinese entries (a short CJK query), else starts with.
    enum TermCondition {
        case contains, containsChinese, startsWith
    }

    var termCondition: TermCondition {
        if length >= 3 && allowsContains { return .contains }
        return isCJK ? .containsChinese : .startsWith
    }

    /// The term-key query of the plan (its keys and filters), for the typo candidates.
    var keyQuery: TermKeyQuery { TermKeyQuery(normalized: normalized, filters: filters) }
}
