import DictEmbedding
package import DictStore
import DictVectors
import DictionaryCore
import Foundation
import GRDB

/// Every search mode over the dictionary database (exact, prefix, lexical, semantic, hybrid), with filters,
/// sorting and paging, and one analytics event per executed search handed to `analytics` off the request path.
package final class SearchService: Sendable {
    /// Page sizes and offsets callers may ask for.
    package static let limitRange = 1...100
    package static let offsetRange = 0...10_000

    /// Every read of every mode (the vector top-k aside, which `semantic`'s backend answers from memory), on either
    /// engine.
    package let store: any SearchStore
    /// Embedder and vector backend; nil until a model and index are installed (semantic then throws
    /// `.semanticUnavailable` and hybrid runs lexical only, with a note).
    package let semantic: SemanticComponents?
    /// Receives one event per executed search; nil disables analytics.
    package let analytics: SearchAnalyticsRecorder?
    package let configuration: SearchConfiguration

    /// Every mode on the SQLite dictionary database; typo matching reads `termTrigrams` when it is current.
    package convenience init(
        database: StoreDatabase, semantic: SemanticComponents? = nil, analytics: SearchAnalyticsRecorder? = nil,
        configuration: SearchConfiguration = SearchConfiguration(), termTrigrams: TermTrigramCache? = nil
    ) {
        self.init(store: SQLiteSearchStore(database: database, termTrigrams: termTrigrams), semantic: semantic, analytics: analytics,
                  configuration: configuration)
    }

    /// Every mode on `store`'s engine.
    package init(
        store: any SearchStore, semantic: SemanticComponents? = nil, analytics: SearchAnalyticsRecorder? = nil,
        configuration: SearchConfiguration = SearchConfiguration()
    ) {
        self.store = store
        self.semantic = semantic; self.analytics = analytics
        self.configuration = configuration
    }

    /// Runs `request` in its mode. Throws `SearchError` for invalid input (never an SQL error caused by user
    /// text). Records an analytics event for every search that ran.
    package func search(_ request: SearchRequest) async throws -> SearchResponse {
        try await SearchConcurrency.track { try await run(request) }
    }

    private func run(_ request: SearchRequest) async throws -> SearchResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        try validate(request)
        let normalized = TermNormalizer.normalize(request.query)
        let (request, guessed) = withGuessedQueryLanguage(request)
        var response: SearchResponse = switch request.mode {
        case .exact: try await exact(request, normalized: normalized)
        case .prefix: try await prefix(request, normalized: normalized)
        case .lexical: try await lexical(request, normalized: normalized)
        case .semantic: try await semanticSearch(request, normalized: normalized)
        case .hybrid: try await hybrid(request, normalized: normalized)
        }
        if let guessed {
            response.notes.append("query language guessed: \(guessed.rawValue) (searched as with query_lang=\(guessed.rawValue))")
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        analytics?.record(SearchEvent(request: request, response: response, responseTimeMs: elapsed))
        return response
    }

    /// `request` with the query's language guessed (`QueryLanguageGuess`: es, fr or de by their words, zh-CN or
    /// zh-TW by their script for a mostly-CJK query) when the caller did not state it, the model is multilingual, the
    /// mode embeds the query and the guess lies outside the results' languages: then the search is cross-language
    /// as if the caller had said so. Otherwise `request` unchanged and nil.
    private func withGuessedQueryLanguage(_ request: SearchRequest) -> (SearchRequest, Language?) {
        guard request.queryLanguage == nil, request.mode == .semantic || request.mode == .hybrid,
              semantic?.embedder.isMultilingual == true, !request.filters.languages.isEmpty
        else { return (request, nil) }
        let isCJK = QueryText.cjkFraction(request.query) >= configuration.cjkSkipFraction
        guard let guess = isCJK ? QueryLanguageGuess.chineseVariant(of: request.query) : QueryLanguageGuess.language(of: request.query),
              !request.filters.languages.contains(guess)
        else { return (request, nil) }
        var guessed = request
        guessed.queryLanguage = guess
        return (guessed, guess)
    }

    private func validate(_ request: SearchRequest) throws {
        guard Self.limitRange.contains(request.limit) else {
            throw SearchError.invalidLimit(expected: Self.limitRange, found: request.limit)
        }
        guard Self.offsetRange.contains(request.offset) else {
            throw SearchError.invalidOffset(expected: Self.offsetRange, found: request.offset)
        }
        let length = request.query.count
        guard length <= configuration.maxQueryLength else {
            throw SearchError.queryTooLong(maximum: configuration.maxQueryLength, found: length)
        }
        try request.filters.validate()
        if !request.facets.isEmpty, request.mode == .exact || request.mode == .prefix {
            throw SearchError.facetsUnsupported(mode: request.mode)
        }
    }

    // MARK: Shared SQL pieces

    /// `ORDER BY` terms for the non-relevance sorts (on alias `e`), ending in a unique key so pages never overlap.
    static func orderClause(for sort: SearchSort) -> String {
        switch sort {
        case .relevance, .alphabetical: "e.normalized_term ASC, e.lang ASC, e.seq ASC"
        case .quality: "e.overall_score DESC, e.normalized_term ASC, e.seq ASC"
        case .popularity: "e.search_frequency DESC, e.overall_score DESC, e.normalized_term ASC, e.seq ASC"
        }
    }

    /// Preferred-language-first prefix for ORDER BY, with its argument.
    static func languageFirst(_ language: Language?) -> (sql: String, arguments: [DatabaseValue]) {
        guard let language else { return ("", []) }
        return ("(e.lang <> ?), ", [language.rawValue.databaseValue])
    }

    /// Orders already-ranked hits (semantic, hybrid): preferred language first, then `sort` with the same keys as
    /// `orderClause`; `.relevance` keeps the incoming order. Stable.
    static func sorted(_ hits: [SearchHit], by sort: SearchSort, preferred: Language?) -> [SearchHit] {
        func languageRank(_ entry: DictionaryEntry) -> Int { preferred == nil || entry.lang == preferred ? 0 : 1 }
        return hits.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element.entry, rhs.element.entry)
            if languageRank(a) != languageRank(b) { return languageRank(a) < languageRank(b) }
            switch sort {
            case .relevance: return lhs.offset < rhs.offset
            case .alphabetical: break
            case .quality: if a.overallScore != b.overallScore { return a.overallScore > b.overallScore }
            case .popularity:
                if a.searchFrequency != b.searchFrequency { return a.searchFrequency > b.searchFrequency }
                if a.overallScore != b.overallScore { return a.overallScore > b.overallScore }
            }
            if a.normalizedTerm != b.normalizedTerm { return a.normalizedTerm < b.normalizedTerm }
            if sort == .alphabetical, a.lang != b.lang { return a.lang.rawValue < b.lang.rawValue }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
