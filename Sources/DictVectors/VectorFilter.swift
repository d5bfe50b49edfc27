/// Exact restrictions on which entries a search may return. `nil` means "no restriction"; an empty set matches
/// nothing. A filtered search returns the true top-k among the matching rows (filter first, then rank).
public struct VectorFilter: Sendable, Equatable {
    /// Allowed `dictionary_entries.lang` values.
    public var languages: Set<String>?
    /// Allowed `dictionary_entries.type` values.
    public var types: Set<String>?
    /// Allowed `dictionary_entries.overall_score` range (inclusive).
    public var scoreRange: ClosedRange<Float>?

    /// A filter from optional language, type and score restrictions.
    public init(languages: Set<String>? = nil, types: Set<String>? = nil, scoreRange: ClosedRange<Float>? = nil) {
        self.languages = languages
        self.types = types
        self.scoreRange = scoreRange
    }

    /// The filter that matches every row.
    public static let none = VectorFilter()

    /// True when no restriction is set.
    public var isUnrestricted: Bool { languages == nil && types == nil && scoreRange == nil }

    /// Whether an entry with these attributes passes the filter.
    public func matches(_ attributes: EntryAttributes) -> Bool {
        if let languages, !languages.contains(attributes.lang) { return false }
        if let types, !types.contains(attributes.type) { return false }
        if let scoreRange, !scoreRange.contains(attributes.overallScore) { return false }
        return true
    }
}

/// The per-entry columns a search can filter on, copied from `dictionary_entries`.
public struct EntryAttributes: Sendable, Equatable, Hashable {
    /// `dictionary_entries.lang` (e.g. `en`, `zh-CN`).
    public var lang: String
    /// `dictionary_entries.type` (e.g. `tempo`).
    public var type: String
    /// `dictionary_entries.overall_score` (0...100).
    public var overallScore: Float

    public init(lang: String, type: String, overallScore: Float) {
        self.lang = lang
        self.type = type
        self.overallScore = overallScore
    }
}
