import DictStore
import DictionaryCore
import DictionarySearch
import Foundation
import Hummingbird

/// `/api/v1/search…`: lexical/exact/prefix/semantic/hybrid search with flat filters, autocomplete, semantic search
/// by POST, popular searches and related terms.
struct SearchRoutes {
    /// Longest `q` for `/search` (the original's 0…200).
    static let maximumQueryLength = 200
    /// Longest `q` for suggestions (the original's 1…50).
    static let maximumSuggestionLength = 50
    /// Length of the semantic search `query` in characters (the original's 3…500); at most 4 UTF-8 bytes each.
    static let semanticQueryLength = 3...500

    let dependencies: ServerDependencies

    func register(on router: Router<DictRequestContext>) {
        router.get("/api/v1/search") { request, _ in try await search(request: request) }
        router.get("/api/v1/search/suggestions") { request, _ in try await suggestions(request: request) }
        router.post("/api/v1/search/semantic") { request, context in try await semantic(request: request, context: context) }
        router.get("/api/v1/search/popular") { request, _ in try await popular(request: request) }
        router.get("/api/v1/search/related") { request, _ in try await related(request: request) }
    }

    /// Search in `mode` (default `lexical`, the original's text search). Language: `lang` (default `en`) unless
    /// `searchAllLanguages=true` or an explicit `languages` filter; these are the results' languages, and
    /// `query_lang` says which language `q` is in ("query in de, results in en": with multilingual-e5-small meaning
    /// crosses languages). Flat filters the original could not receive:
    /// `languages`, `types` (or `type`), `min_quality`, `max_quality` (also as `filters[…]`). `highlight=true` adds
    /// each item's marked term and definition fragment; `facets=lang,type` counts values over every match.
    func search(request: Request) async throws -> SuccessEnvelope<SearchPayload> {
        let query = try QueryParameters(request)
        let q = try query.string("q", maxLength: Self.maximumQueryLength) ?? ""
        let mode = try query.choice("mode", from: SearchMode.allCases.map(\.rawValue)).flatMap(SearchMode.init(rawValue:)) ?? .lexical
        let lang = try query.language("lang") ?? .en
        let queryLanguage = try query.language("query_lang")
        let allLanguages = try query.boolean("searchAllLanguages") ?? false
        _ = try query.boolean("includeTranslations")
        let preferred = try query.languages(["preferredLangs"])
        let languageFilter = try query.languages(["languages", "filters[languages]"])
        let types = try query.termTypes(["types", "type", "filters[types]"])
        let minQuality = try query.quality(["min_quality", "filters[min_quality]"])
        let maxQuality = try query.quality(["max_quality", "filters[max_quality]"])
        let sort = try query.choice("sort_by", from: SearchSort.allCases.map(\.rawValue)).flatMap(SearchSort.init(rawValue:)) ?? .relevance
        let limit = try query.integer("limit", default: 20, range: SearchService.limitRange)
        let offset = try query.integer("offset", default: 0, range: SearchService.offsetRange)
        let semanticRatio = try query.number("semantic_ratio", range: 0...1)
        let minScore = try query.number("min_score", range: 0...1)
        let explain = try query.boolean("explain") ?? false
        let highlight = try query.boolean("highlight") ?? false
        let facets = try query.choices("facets", from: SearchFacet.allCases.map(\.rawValue)).compactMap(SearchFacet.init(rawValue:))
        let languages = !languageFilter.isEmpty ? languageFilter : (allLanguages ? [] : [lang])
        let filters = SearchFilters(languages: languages, types: types, minQuality: minQuality, maxQuality: maxQuality)
        var response = try await dependencies.runSearch(SearchRequest(
            query: q, mode: mode, filters: filters, limit: limit, offset: offset, sort: sort,
            preferredLanguage: preferred.first ?? lang, queryLanguage: queryLanguage, semanticRatio: semanticRatio,
            minScore: minScore, explain: explain, facets: facets))
        response.notes += try await dependencies.vectorCoverageNotes(mode: mode, resultCount: response.results.count)
        let echo = SearchPayload.Query(
            q: q, mode: mode.rawValue, lang: lang.rawValue, searchAllLanguages: allLanguages,
            languages: languages.map(\.rawValue), types: types.map(\.rawValue), minQuality: minQuality, maxQuality: maxQuality,
            sortBy: sort.rawValue, limit: limit, offset: offset, semanticRatio: semanticRatio, minScore: minScore,
            queryLang: queryLanguage?.rawValue)
        return SuccessEnvelope(SearchPayload(response: response, query: echo, highlighter: highlight ? SearchHighlighter(query: q) : nil))
    }

    /// Autocomplete: terms starting with `q` (1…50 characters) in any language (or `lang` when given), best first,
    /// one suggestion per distinct term and type; `limit` 1…20 (default 10). Not recorded in analytics.
    func suggestions(request: Request) async throws -> SuccessEnvelope<SuggestionsPayload> {
        let query = try QueryParameters(request)
        let q = try query.string("q", minLength: 1, maxLength: Self.maximumSuggestionLength, required: true) ?? ""
        let limit = try query.integer("limit", default: 10, range: 1...20)
        let languages = try query.language("lang").map { [$0] } ?? []
        let suggestions: [TermSuggestion]
        do {
            suggestions = try await dependencies.search.suggestions(q, languages: languages, limit: limit)
        } catch let error as SearchError {
            throw APIError(error)
        }
        dependencies.metrics.recordSearch(mode: SearchMode.prefix.rawValue)
        return SuccessEnvelope(SuggestionsPayload(query: q, suggestions: suggestions))
    }

    /// The semantic search body (the original's `threshold`, also accepted as `similarity_threshold`).
    struct SemanticBody: Decodable {
        let query: String
        let limit: Int?
        let threshold: Double?
        let similarityThreshold: Double?
        let languages: [String]?
        let types: [String]?
        let minQuality: Double?
        /// The query's language when it differs from `languages` (as `query_lang` of GET /search).
        let queryLang: String?

        enum CodingKeys: String, CodingKey {
            case query, limit, threshold, languages, types
            case similarityThreshold = "similarity_threshold"
            case minQuality = "min_quality"
            case queryLang = "query_lang"
        }
    }

    /// Cosine similarity of the embedded `query` (3…500 characters, at most 2,000 UTF-8 bytes) to entry vectors; `limit` 1…50 (default 10);
    /// `threshold` 0…1 (default: the service's tuned minimum); `query_lang` the query's language when it differs from
    /// `languages`. 503 when no model or index is installed.
    func semantic(request: Request, context: DictRequestContext) async throws -> SuccessEnvelope<SemanticPayload> {
        let body = try await JSONBody.decode(SemanticBody.self, from: request, context: context)
        let query = body.query.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = TextLimit(characters: Self.semanticQueryLength).violation(of: query, label: "Field 'query'") {
            throw APIError.validation(problem)
        }
        let limit = body.limit ?? 10
        guard (1...50).contains(limit) else { throw APIError.validation("Field 'limit' must be in 1...50, found \(limit)") }
        let threshold = body.threshold ?? body.similarityThreshold
        if let threshold, !(threshold.isFinite && (0...1).contains(threshold)) {
            throw APIError.validation("Field 'threshold' must be in 0...1, found \(threshold)")
        }
        let languages: [Language]
        let types: [TermType]
        var queryLanguage: Language?
        do {
            languages = try SearchFilters.languages(from: body.languages ?? [])
            types = try SearchFilters.types(from: body.types ?? [])
            if let code = body.queryLang {
                guard let language = Language(code: code) else { throw SearchError.invalidLanguage(found: code) }
                queryLanguage = language
            }
        } catch let error as SearchError {
            throw APIError(error)
        }
        let response = try await dependencies.runSearch(SearchRequest(
            query: query, mode: .semantic, filters: SearchFilters(languages: languages, types: types, minQuality: body.minQuality),
            limit: limit, queryLanguage: queryLanguage))
        let minimum = Float(threshold ?? Double(dependencies.search.configuration.minSimilarity))
        let results = response.results.compactMap { hit -> SemanticPayload.Result? in
            let similarity = hit.similarity ?? Float(hit.score)
            return similarity >= minimum ? .init(entry: hit.entry, similarity: similarity) : nil
        }
        let notes = response.notes + (try await dependencies.vectorCoverageNotes(mode: .semantic, resultCount: results.count))
        return SuccessEnvelope(SemanticPayload(query: query, results: results, total: results.count, threshold: minimum, notes: notes))
    }

    /// The most searched terms of the last `days` (1…90, default 30, actually applied unlike the original),
    /// `limit` 1…50 (default 20).
    func popular(request: Request) async throws -> SuccessEnvelope<PopularPayload> {
        let query = try QueryParameters(request)
        let limit = try query.integer("limit", default: 20, range: 1...50)
        let days = try query.integer("days", default: 30, range: 1...90)
        let searches = try await dependencies.reports.popularSearches(days: days, limit: limit)
        let terms = searches.map(\.term)
        return SuccessEnvelope(PopularPayload(
            popular: terms, terms: terms,
            searches: searches.map(PopularPayload.Search.init),
            periodDays: days, generatedAt: Timestamp.now()))
    }

    /// Related terms of `term` (1…200 characters) in `lang` (default `en`, falling back to any language);
    /// `limit` 1…20 (default 10). 404 when the term is unknown.
    func related(request: Request) async throws -> SuccessEnvelope<RelatedPayload> {
        let query = try QueryParameters(request)
        let term = try query.string("term", minLength: 1, maxLength: TermRoutes.maximumTermLength, required: true) ?? ""
        let limit = try query.integer("limit", default: 10, range: 1...20)
        let lang = try query.language("lang") ?? .en
        let response = try await dependencies.runSearch(
            SearchRequest(query: term, mode: .exact, filters: SearchFilters(languages: [lang]), limit: 1, preferredLanguage: lang,
                          languageFallback: true),
            recorded: false)
        guard let entry = response.results.first?.entry else { throw APIError.notFound("Term not found") }
        let related = try await dependencies.search.relatedTerms(to: entry.id, limit: limit)
        let names = related.map(\.entry.term)
        return SuccessEnvelope(RelatedPayload(term: entry.term, related: names, terms: names, relatedTerms: related.map(RelatedTermPayload.init)))
    }
}
