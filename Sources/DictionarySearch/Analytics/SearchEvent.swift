import DictStore
import DictionaryCore
import Foundation

/// One executed search, as stored in `search_analytics`.
package struct SearchEvent: Sendable, Hashable {
    package var id: String
    /// The raw query (cut to 500 characters).
    package var term: String
    package var normalizedTerm: String
    package var searchType: SearchMode
    package var resultCount: Int
    package var entryID: String?
    package var responseTimeMs: Double
    package var searchedAt: String
    package var sessionID: String?
    package var userID: String?
    package var source: SearchSource
    /// Requested languages, comma-separated (nil = all).
    package var searchLanguages: String?
    /// Language of the first result.
    package var resultLanguage: String?
    /// An entry whose `search_frequency` this search bumps (exact lookups that found something).
    package var bumpedEntryID: String?

    /// True when the search found anything.
    package var found: Bool { resultCount > 0 }

    package init(
        term: String, normalizedTerm: String, searchType: SearchMode, resultCount: Int, entryID: String?,
        responseTimeMs: Double, source: SearchSource, searchLanguages: String? = nil, resultLanguage: String? = nil,
        userID: String? = nil, sessionID: String? = nil, bumpedEntryID: String? = nil, searchedAt: String = Timestamp.now()
    ) {
        id = RandomRowID.make()
        self.term = String(term.prefix(500)); self.normalizedTerm = String(normalizedTerm.prefix(500))
        self.searchType = searchType; self.resultCount = max(0, resultCount); self.entryID = entryID
        self.responseTimeMs = responseTimeMs.isFinite ? max(0, responseTimeMs) : 0
        self.source = source; self.searchLanguages = searchLanguages; self.resultLanguage = resultLanguage
        self.userID = userID; self.sessionID = sessionID; self.bumpedEntryID = bumpedEntryID; self.searchedAt = searchedAt
    }

    /// The event of a completed search.
    package init(request: SearchRequest, response: SearchResponse, responseTimeMs: Double) {
        let first = response.results.first?.entry
        self.init(
            term: request.query, normalizedTerm: response.normalizedQuery, searchType: response.mode,
            resultCount: response.total, entryID: first?.id, responseTimeMs: responseTimeMs, source: request.source,
            searchLanguages: request.filters.languages.isEmpty ? nil : request.filters.languages.map(\.rawValue).joined(separator: ","),
            resultLanguage: first?.lang.rawValue, userID: request.userID, sessionID: request.sessionID,
            bumpedEntryID: response.mode == .exact ? first?.id : nil)
    }

    /// The same search answered again (from a response cache): a new id and time, its own response time.
    package func repeated(responseTimeMs: Double) -> SearchEvent {
        var event = self
        event.id = RandomRowID.make()
        event.searchedAt = Timestamp.now()
        event.responseTimeMs = responseTimeMs.isFinite ? max(0, responseTimeMs) : 0
        return event
    }
}
