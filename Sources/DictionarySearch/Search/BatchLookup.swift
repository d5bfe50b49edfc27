package import DictionaryCore

/// Looks up many terms at once (the web client's `POST /batch/query`).
package struct BatchLookup: Sendable {
    /// Most terms per call.
    package static let maximumTerms = 50

    /// One requested term and what was found for it.
    package struct Item: Sendable, Hashable {
        /// The term as requested (first spelling, when several normalize alike).
        package var term: String
        package var normalizedTerm: String
        /// The best entry (highest score, then latest version), or nil.
        package var entry: DictionaryEntry?
    }

    package let store: any SearchStore

    package init(store: any SearchStore) { self.store = store }

    /// Normalizes and de-duplicates `terms` (blank ones are ignored), then fetches them in `lang` with one query
    /// on the `(normalized_term, lang)` index. Throws `.tooManyTerms` beyond 50 distinct terms.
    package func lookup(_ terms: [String], lang: Language) async throws -> [Item] {
        var items: [Item] = []
        var seen = Set<String>()
        for term in terms {
            let normalized = TermNormalizer.normalize(term)
            guard !normalized.isEmpty, seen.insert(normalized).inserted else { continue }
            items.append(Item(term: term, normalizedTerm: normalized, entry: nil))
        }
        guard items.count <= Self.maximumTerms else { throw SearchError.tooManyTerms(maximum: Self.maximumTerms, found: items.count) }
        guard !items.isEmpty else { return [] }
        var found: [String: DictionaryEntry] = [:]
        for entry in try await store.entries(normalizedTerms: items.map(\.normalizedTerm), lang: lang) { found[entry.normalizedTerm] = entry }
        for index in items.indices { items[index].entry = found[items[index].normalizedTerm] }
        return items
    }
}
