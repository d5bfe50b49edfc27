/// A field whose values `SearchRequest.facets` counts over every match (Meilisearch's `facetDistribution`).
public enum SearchFacet: String, CaseIterable, Sendable, Hashable {
    case lang
    case type
}
