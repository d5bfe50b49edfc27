import DictionaryCore
/// The dictionary's six content languages (the schema's `lang` CHECK) and the canonical form of a language set.
package enum SeedLanguages {
    /// Supported codes in canonical order.
    package static let supported = Language.allCases.map(\.rawValue)

    /// `codes` deduplicated, validated and put in canonical order; throws on an unknown code or an empty set.
    package static func canonical(_ codes: [String]) throws -> [String] {
        let requested = Set(codes)
        for code in codes where !supported.contains(code) {
            throw QueueError.unsupportedLanguage(code: code, supported: supported)
        }
        let ordered = supported.filter(requested.contains)
        guard !ordered.isEmpty else { throw QueueError.noLanguages }
        return ordered
    }

    /// The idempotency key of a language set: the sorted codes joined by commas.
    package static func key(_ codes: [String]) -> String {
        Set(codes).sorted().joined(separator: ",")
    }
}
