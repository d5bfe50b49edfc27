package import DictionaryCore

/// A query on the term keys (exact and prefix modes, autocomplete): the normalized and accent-folded key, the filters,
/// the order and the language to put first. Each `SearchStore` turns it into its engine's indexed statements.
package struct TermKeyQuery: Sendable, Hashable {
    package var normalized: String
    package var folded: String
    package var filters: SearchFilters
    package var sort: SearchSort
    package var preferredLanguage: Language?

    package init(normalized: String, filters: SearchFilters = SearchFilters(), sort: SearchSort = .relevance, preferredLanguage: Language? = nil) {
        self.normalized = normalized
        folded = TermNormalizer.fold(normalized)
        self.filters = filters; self.sort = sort; self.preferredLanguage = preferredLanguage
    }

    /// Highest code point, appended to a key to make the exclusive upper bound of its prefix range.
    static let rangeEnd = "\u{10FFFF}"
}
