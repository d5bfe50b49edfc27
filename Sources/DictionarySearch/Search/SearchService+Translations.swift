import DictEmbedding
import DictStore
import DictionaryCore

extension SearchService {
    /// Source hits whose translations a cross-language search adds.
    static let translatedSourceCount = 10

    /// Cross-language search through the query's own language: when the request names the query's language Q and
    /// filters the results to languages without Q, the dictionary's Q entries are searched the same way (`search`,
    /// the mode's ranking for a request), and each of the best `translatedSourceCount` of them brings its
    /// translations in the results' languages (`TranslationLinks`) with its own score; an entry reached both
    /// directly and through a translation keeps the better score. A description matches definitions written in its
    /// own language far more reliably than another language's (model or words), and a translation is what a
    /// bilingual dictionary answers (`rankedResponse` lets `search` reuse the direct ranking's query vector). Adds a
    /// note when translations were found; without Q entries (or links) the direct ranking stands alone.
    func addingTranslations(to pending: [PendingHit], request: SearchRequest, notes: inout [String],
                            search: (SearchRequest) async throws -> [PendingHit]) async throws -> [PendingHit] {
        guard let queryLanguage = request.queryLanguage, !request.filters.languages.isEmpty,
              !request.filters.languages.contains(queryLanguage) else { return pending }
        var inQueryLanguage = request
        inQueryLanguage.filters.languages = [queryLanguage]
        inQueryLanguage.queryLanguage = nil
        // Both rankings blend meaning and words alike, so their scores compare (`crossLanguageSemanticRatio`).
        if semantic?.embedder.isMultilingual == true, inQueryLanguage.semanticRatio == nil {
            inQueryLanguage.semanticRatio = configuration.crossLanguageSemanticRatio
        }
        let sources = Array(try await search(inQueryLanguage).prefix(Self.translatedSourceCount))
        guard !sources.isEmpty else { return pending }
        let targets = try await store.translations(of: sources.map(\.entryID), passing: request.filters)
        guard !targets.isEmpty else { return pending }

        var merged = pending
        var position: [String: Int] = [:]
        for (index, hit) in merged.enumerated() where position[hit.entryID] == nil { position[hit.entryID] = index }
        var translated = 0
        for source in sources {
            for target in targets[source.entryID] ?? [] {
                if let index = position[target] {
                    if merged[index].score < source.score {
                        merged[index].score = source.score
                        translated += 1
                    }
                } else {
                    position[target] = merged.count
                    merged.append(PendingHit(entryID: target, score: source.score))
                    translated += 1
                }
            }
        }
        guard translated > 0 else { return pending }
        notes.append("also searched the \(queryLanguage.rawValue) entries: \(translated) of these results rank as translations of their best matches")
        return merged.enumerated().sorted { lhs, rhs in
            lhs.element.score != rhs.element.score ? lhs.element.score > rhs.element.score : lhs.offset < rhs.offset
        }.map(\.element)
    }
}
