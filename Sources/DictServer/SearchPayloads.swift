import DictionaryCore
import DictionarySearch

/// `data` of `GET /api/v1/search`: `results` are `SearchResultItem`s, each an entry (the web client validates it as
/// one) with its score, the same objects `dict search --json` prints. `hits` is the legacy parallel list of scores
/// (same order as `results`), kept for clients written before the scores moved into the items.
struct SearchPayload: Encodable, Sendable {
    /// The validated query echo; the web client pages with `query.limit` and `query.offset`.
    struct Query: Encodable, Sendable {
        let q: String
        let mode: String
        let lang: String
        let searchAllLanguages: Bool
        let languages: [String]
        let types: [String]
        let minQuality: Double?
        let maxQuality: Double?
        let sortBy: String
        let limit: Int
        let offset: Int
        let semanticRatio: Double?
        let minScore: Double?
        /// The query's language when given (`query_lang`); omitted otherwise.
        var queryLang: String?

        enum CodingKeys: String, CodingKey {
            case q, mode, lang, searchAllLanguages, languages, types, limit, offset
            case minQuality = "min_quality"
            case maxQuality = "max_quality"
            case sortBy = "sort_by"
            case semanticRatio = "semantic_ratio"
            case minScore = "min_score"
            case queryLang = "query_lang"
        }
    }

    /// How one result scored (same order as `results`); `explanation` with `explain=true`.
    struct Hit: Encodable, Sendable {
        let id: String
        let score: Double
        let tier: String?
        let similarity: Float?
        let lexicalRank: Int?
        let semanticRank: Int?
        let explanation: SearchExplanation?

        enum CodingKeys: String, CodingKey {
            case id, score, tier, similarity, explanation
            case lexicalRank = "lexical_rank"
            case semanticRank = "semantic_rank"
        }
    }

    let results: [SearchResultItem]
    let hits: [Hit]
    let total: Int
    let mode: String
    let query: Query
    let cached = false
    let notes: [String]
    let suggestions: [String]
    /// With `facets=lang,type`: `{facet: {value: count}}` over every match (`SearchResponse.facets`).
    let facets: [String: [String: Int]]?

    init(response: SearchResponse, query: Query, highlighter: SearchHighlighter? = nil) {
        results = response.results.map { SearchResultItem($0, highlighter: highlighter) }
        hits = response.results.map { hit in
            Hit(id: hit.entry.id, score: hit.score, tier: hit.tier.map(SearchResultItem.tierName), similarity: hit.similarity,
                lexicalRank: hit.lexicalRank, semanticRank: hit.semanticRank, explanation: hit.explanation)
        }
        total = response.total
        mode = response.mode.rawValue
        self.query = query
        notes = response.notes
        suggestions = response.suggestions
        facets = response.facets.map { counts in Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) }) }
    }
}

/// `data` of `/search/suggestions`: `{query, suggestions: [{term, type, lang, score}]}`.
struct SuggestionsPayload: Encodable, Sendable {
    let query: String
    let suggestions: [TermSuggestion]
}

/// `data` of `/search/semantic`: `{query, results: [{entry, similarity}], total, threshold, notes}`.
struct SemanticPayload: Encodable, Sendable {
    struct Result: Encodable, Sendable {
        let entry: DictionaryEntry
        let similarity: Float
    }

    let query: String
    let results: [Result]
    let total: Int
    let threshold: Float
    /// Why results may be missing, e.g. entries without vectors ("run `dict embed`").
    let notes: [String]
}

/// `data` of `/search/popular`, in both shapes: the web client reads `popular`/`terms` (string lists), the
/// original answered `searches` (objects).
struct PopularPayload: Encodable, Sendable {
    struct Search: Encodable, Sendable {
        let term: String
        let searchCount: Int
        let foundCount: Int
        let lastSearched: String

        enum CodingKeys: String, CodingKey {
            case term
            case searchCount = "search_count"
            case foundCount = "found_count"
            case lastSearched = "last_searched"
        }

        init(term: String, searchCount: Int, foundCount: Int, lastSearched: String) {
            self.term = term
            self.searchCount = searchCount
            self.foundCount = foundCount
            self.lastSearched = lastSearched
        }

        init(_ search: SearchAnalyticsReports.PopularSearch) {
            self.init(term: search.term, searchCount: search.searchCount, foundCount: search.foundCount, lastSearched: search.lastSearched)
        }
    }

    let popular: [String]
    let terms: [String]
    let searches: [Search]
    let periodDays: Int
    let generatedAt: String

    enum CodingKeys: String, CodingKey {
        case popular, terms, searches
        case periodDays = "period_days"
        case generatedAt = "generated_at"
    }
}

/// `data` of `/search/related`: strings under `related`/`terms` for the web client, the relation objects under
/// `related_terms` as the original.
struct RelatedPayload: Encodable, Sendable {
    let term: String
    let related: [String]
    let terms: [String]
    let relatedTerms: [RelatedTermPayload]

    enum CodingKeys: String, CodingKey {
        case term, related, terms
        case relatedTerms = "related_terms"
    }
}
