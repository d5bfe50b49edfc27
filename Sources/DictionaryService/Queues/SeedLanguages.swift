/// The dictionary's six content languages (the schema's `lang` CHECK) and the canonical form of a language set.
public enum SeedLanguages {
    /// Supported codes in canonical order.
    public static let supported = Language.allCases.map(\.rawValue)

    /// `codes` deduplicated, validated and put in canonical order; throws on an unknown code or an empty set.
    public static func canonical(_ codes: [String]) throws -> [String] {
        let requested = Set(codes)
        for code in codes where !supported.contains(code) {
            throw QueueError.unsupportedLanguage(code: code, supported: supported)
        }
        let ordered = supported.filter(requested.contains)
        guard !ordered.isEmpty else { throw QueueError.noLanguages }
        return ordered
    }

    /// The idempotency key of a language set: the sorted codes joined by commas.
    public static func key(_ codes: [String]) -> String {
        Set(codes).sorted().joined(separator: ",")
    }
}
