package import DictionaryCore

/// A page of lexical matches in a non-relevance order (or the browsing of an empty query): the sort, the language
/// to put first, the page, and how far totals count.
package struct LexicalOrder: Sendable {
    package var sort: SearchSort
    package var preferredLanguage: Language?
    package var limit: Int
    package var offset: Int
    /// Totals and facet counts stop here.
    package var cap: Int

    package init(sort: SearchSort, preferredLanguage: Language?, limit: Int, offset: Int, cap: Int) {
        self.sort = sort; self.preferredLanguage = preferredLanguage; self.limit = limit; self.offset = offset; self.cap = cap
    }
}
