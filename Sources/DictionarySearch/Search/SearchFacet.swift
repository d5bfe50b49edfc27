/// A field whose values `SearchRequest.facets` counts over every match (Meilisearch's `facetDistribution`).
package enum SearchFacet: String, CaseIterable, Sendable, Hashable {
    /// The entry's language code (`en`, `zh-CN`, …).
    case lang
    /// The entry's term type (`tempo`, `dynamics`, …).
    case type
}
