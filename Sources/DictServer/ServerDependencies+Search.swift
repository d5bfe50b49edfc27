import DictionarySearch

extension ServerDependencies {
    /// Runs a search (recorded in analytics unless `recorded` is false), counts it by mode in the metrics, and maps
    /// `SearchError` to its HTTP form.
    func runSearch(_ request: SearchRequest, recorded: Bool = true) async throws -> SearchResponse {
        do {
            let response = try await (recorded ? search : unrecordedSearch).search(request)
            metrics.recordSearch(mode: response.mode.rawValue)
            return response
        } catch let error as SearchError {
            throw APIError(error)
        }
    }

    /// `VectorCoverage`'s note for a semantic or hybrid search over entries without vectors ("run `dict embed`").
    func vectorCoverageNotes(mode: SearchMode, resultCount: Int) async throws -> [String] {
        (try await VectorCoverage.note(store: search.store, mode: mode, resultCount: resultCount)).map { [$0] } ?? []
    }
}
