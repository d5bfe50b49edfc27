/// One search: the query text, the mode, filters, paging and sort, and who asked (for analytics).
public struct SearchRequest: Sendable {
    /// The raw query; normalized with `TermNormalizer` by the service.
    public var query: String
    public var mode: SearchMode
    public var filters: SearchFilters
    /// Page size, 1…100.
    public var limit: Int
    /// Rows to skip, 0…10 000.
    public var offset: Int
    public var sort: SearchSort
    /// Results in this language come first (exact lookups: the requested language).
    public var preferredLanguage: Language?
    /// Exact mode: when nothing matches in `filters.languages`, look in every language.
    public var languageFallback: Bool
    /// Analytics context.
    public var source: SearchSource
    public var userID: String?
    public var sessionID: String?

    public init(
        query: String, mode: SearchMode = .hybrid, filters: SearchFilters = SearchFilters(), limit: Int = 20,
        offset: Int = 0, sort: SearchSort = .relevance, preferredLanguage: Language? = nil, languageFallback: Bool = false,
        source: SearchSource = .api, userID: String? = nil, sessionID: String? = nil
    ) {
        self.query = query; self.mode = mode; self.filters = filters; self.limit = limit; self.offset = offset
        self.sort = sort; self.preferredLanguage = preferredLanguage; self.languageFallback = languageFallback
        self.source = source; self.userID = userID; self.sessionID = sessionID
    }
}
