package import DictionaryCore
/// One search: the query text, the mode, filters, paging and sort, and who asked (for analytics).
package struct SearchRequest: Sendable {
    /// The raw query; normalized with `TermNormalizer` by the service.
    package var query: String
    package var mode: SearchMode
    package var filters: SearchFilters
    /// Page size, 1…100.
    package var limit: Int
    /// Rows to skip, 0…10 000.
    package var offset: Int
    package var sort: SearchSort
    /// Results in this language come first (exact lookups: the requested language).
    package var preferredLanguage: Language?
    /// Exact mode: when nothing matches in `filters.languages`, look in every language.
    package var languageFallback: Bool
    /// The language the query is written in, when the caller knows it; `filters.languages` stay the results'
    /// languages ("query in German, results in English"). With a multilingual model it lets the semantic leg run
    /// past the vocabulary gate (the dictionary's own text need not hold words of that language); with an English
    /// model a non-English query language adds a note. Nil = not said.
    package var queryLanguage: Language?
    /// Hybrid: how much the meaning counts against the words (0 = keyword ranking only, 1 = meaning only), like
    /// Meilisearch's `semanticRatio`; nil = `SearchConfiguration.semanticRatio`. Typed-term tiers come first either way.
    package var semanticRatio: Double?
    /// Semantic and hybrid: drop hits whose score is below this (0…1); nil = `SearchConfiguration.minScore`.
    package var minScore: Double?
    /// Attach a `SearchExplanation` to each semantic/hybrid hit.
    package var explain: Bool
    /// Count these fields' values over every match, not just the page (`SearchResponse.facets`); lexical, hybrid and
    /// semantic modes only.
    package var facets: [SearchFacet]
    /// Analytics context.
    package var source: SearchSource
    package var userID: String?
    package var sessionID: String?

    package init(
        query: String, mode: SearchMode = .hybrid, filters: SearchFilters = SearchFilters(), limit: Int = 20,
        offset: Int = 0, sort: SearchSort = .relevance, preferredLanguage: Language? = nil, languageFallback: Bool = false,
        queryLanguage: Language? = nil,
        semanticRatio: Double? = nil, minScore: Double? = nil, explain: Bool = false,
        facets: [SearchFacet] = [], source: SearchSource = .api, userID: String? = nil, sessionID: String? = nil
    ) {
        self.query = query; self.mode = mode; self.filters = filters; self.limit = limit; self.offset = offset
        self.sort = sort; self.preferredLanguage = preferredLanguage; self.languageFallback = languageFallback
        self.queryLanguage = queryLanguage
        self.semanticRatio = semanticRatio; self.minScore = minScore; self.explain = explain
        self.facets = facets
        self.source = source; self.userID = userID; self.sessionID = sessionID
    }
}
