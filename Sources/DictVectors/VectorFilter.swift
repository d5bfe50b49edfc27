/// Exact restrictions on which entries a search may return. `nil` means "no restriction"; an empty set matches
/// nothing. A filtered search returns the true top-k among the matching rows (filter first, then rank).
package struct VectorFilter: Sendable, Equatable {
    /// Allowed entry languages.
    package var languages: Set<String>?
    /// Allowed entry types.
    package var types: Set<String>?
    /// Allowed overall-score range (inclusive).
    package var scoreRange: ClosedRange<Float>?

    /// A filter from optional language, type and score restrictions.
    package init(languages: Set<String>? = nil, types: Set<String>? = nil, scoreRange: ClosedRange<Float>? = nil) {
        self.languages = languages
        self.types = types
        self.scoreRange = scoreRange
    }

    /// The filter that matches every row.
    package static let none = VectorFilter()

    /// True when no restriction is set.
    package var isUnrestricted: Bool { languages == nil && types == nil && scoreRange == nil }

    /// Whether an entry with these attributes passes the filter.
    package func matches(_ attributes: EntryAttributes) -> Bool {
        if let languages, !languages.contains(attributes.lang) { return false }
        if let types, !types.contains(attributes.type) { return false }
        if let scoreRange, !scoreRange.contains(attributes.overallScore) { return false }
        return true
    }
}

/// The per-entry columns a search can filter on, copied from the entries.
package struct EntryAttributes: Sendable, Equatable, Hashable {
    /// The entry's language (e.g. `en`, `zh-CN`).
    package var lang: String
    /// The entry's type (e.g. `tempo`).
    package var type: String
    /// The entry's overall score (0...100).
    package var overallScore: Float

    package init(lang: String, type: String, overallScore: Float) {
        self.lang = lang
        self.type = type
        self.overallScore = overallScore
    }
}
