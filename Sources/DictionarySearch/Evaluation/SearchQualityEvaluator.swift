import DictionaryCore
import Foundation

/// Measures search quality on a query set: for each mode, accuracy@1/@10/@100, the median rank of the first
/// expected term, the share of unanswerable queries (empty `expected`) answered with nothing, and latency.
/// A result counts when its normalized term, or (for translations) the normalized `metadata.translation_of`,
/// equals a normalized expected term. Give it a `SearchService` without an analytics recorder, so evaluation
/// searches do not count as user searches.
package struct SearchQualityEvaluator: Sendable {
    package let search: SearchService
    /// Applied to every request (ranking knobs such as `semanticRatio` or `minScore`); the query, mode, limit and
    /// offset are set per query.
    package var template: SearchRequest
    /// False: cross-language queries are searched without their `lang` (as the web client sends them, no
    /// `query_lang`), so search guesses it.
    package var statesQueryLanguage = true

    package init(search: SearchService, template: SearchRequest = SearchRequest(query: "")) {
        self.search = search
        self.template = template
    }

    /// Reads a JSONL query file (`{"query", "expected", …}` per line); a bad line names its number.
    package static func loadQueries(path: String) throws -> [EvaluationQuery] {
        guard let data = InputFile.contents(of: path) else { throw EvaluationError.unreadable(file: path) }
        var queries: [EvaluationQuery] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
            where !line.allSatisfy({ $0 == 32 || $0 == 13 }) {
            let query: EvaluationQuery
            do {
                query = try JSONDecoder().decode(EvaluationQuery.self, from: Data(line))
            } catch {
                throw EvaluationError.invalidLine(file: path, line: index + 1)
            }
            if let results = query.resultsLang {
                // A cross-language query needs real codes, or its filter would be ignored; without `lang` the query's
                // language is unstated (as the web client sends it) and search guesses it.
                for (field, code) in [("results_lang", results)] + (query.lang.map { [("lang", $0)] } ?? []) where Language(code: code) == nil {
                    throw EvaluationError.invalidLanguage(file: path, line: index + 1, field: field, found: code)
                }
            }
            queries.append(query)
        }
        return queries
    }

    /// Quality per mode over `queries`, each searched for its first `ModeQuality.depth` results.
    package func evaluate(_ queries: [EvaluationQuery], modes: [SearchMode]) async throws -> [ModeQuality] {
        var qualities: [ModeQuality] = []
        for mode in modes {
            var quality = ModeQuality(mode: mode.rawValue)
            for query in queries {
                var request = template
                request.query = query.query
                request.mode = mode
                if let results = query.resultsLang.flatMap(Language.init(code:)) {
                    request.filters.languages = [results]
                    request.queryLanguage = statesQueryLanguage ? query.lang.flatMap(Language.init(code:)) : nil
                }
                request.limit = ModeQuality.depth
                request.offset = 0
                let started = DispatchTime.now().uptimeNanoseconds
                let response: SearchResponse
                do {
                    response = try await search.search(request)
                } catch SearchError.emptyQuery {
                    // Exact and prefix modes refuse a query with no letters; that is an empty answer, not a failure.
                    response = SearchResponse(results: [], total: 0, mode: mode, suggestions: [], notes: [], normalizedQuery: "")
                }
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
                if query.expected.isEmpty {
                    quality.record(emptyResult: response.results.isEmpty, milliseconds: elapsed)
                } else {
                    quality.record(rank: Self.rank(of: query.expected, in: response.results), milliseconds: elapsed)
                }
            }
            qualities.append(quality)
        }
        return qualities
    }

    /// The 1-based position of the first result naming one of `expected`, or nil.
    static func rank(of expected: [String], in results: [SearchHit]) -> Int? {
        let wanted = Set(expected.map(TermNormalizer.normalize))
        let index = results.firstIndex { hit in
            wanted.contains(hit.entry.normalizedTerm)
                || hit.entry.metadata.translationOf.map { wanted.contains(TermNormalizer.normalize($0)) } == true
        }
        return index.map { $0 + 1 }
    }
}

extension SearchQualityEvaluator {
    /// One ranking candidate of a query with its features, for training the rankers.
    package struct RankingCandidate: Sendable {
        package var term: String
        package var isExpected: Bool
        /// Whether the vector top-k proposed it (else only lexical search did).
        package var fromSemanticLeg: Bool
        /// One value per `RankingFeature`, in order.
        package var values: [Double]
    }

    /// Every candidate hybrid search ranks for `query` (both legs, no score floor), with its features, whether it
    /// is an expected term and which leg proposed it.
    package func rankingFeatures(for query: EvaluationQuery) async throws -> [RankingCandidate] {
        var request = template
        request.query = query.query
        request.mode = .hybrid
        request.limit = 1_000  // every candidate of both legs, past the public page limit
        request.offset = 0
        request.minScore = 0
        request.semanticRatio = 0.5
        request.explain = true
        if let results = query.resultsLang.flatMap(Language.init(code:)) {
            request.filters.languages = [results]
            request.queryLanguage = query.lang.flatMap(Language.init(code:))
        }
        let wanted = Set(query.expected.map(TermNormalizer.normalize))
        return try await search.hybrid(request, normalized: TermNormalizer.normalize(query.query)).results.compactMap { hit in
            guard let explanation = hit.explanation, !explanation.features.isEmpty else { return nil }
            return RankingCandidate(term: hit.entry.term, isExpected: wanted.contains(hit.entry.normalizedTerm),
                                    fromSemanticLeg: hit.semanticRank != nil, values: explanation.features.map(\.value))
        }
    }
}
