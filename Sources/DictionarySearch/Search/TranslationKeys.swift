import DictionaryCore

/// The rules of `SearchStore.translations` that do not depend on the engine: an entry's translation key, and the
/// grouping of the found targets by their sources' keys. Each store reads the rows; both answer alike.
enum TranslationKeys {
    /// An English entry's key is its normalized term (unique per language); another language's is its normalized
    /// `metadata.translation_of`. Nil when it has none.
    static func key(lang: String, normalizedTerm: String, translationOf: String?) -> String? {
        let key = lang == Language.en.rawValue ? normalizedTerm : translationOf.map(TermNormalizer.normalize)
        guard let key, !key.isEmpty else { return nil }
        return key
    }

    /// For each source, the targets sharing its key, itself excluded, in id order; sources without any are absent.
    static func translations(keyOf: [String: String], targetsOf: [String: [String]]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (source, key) in keyOf {
            let targets = (targetsOf[key] ?? []).filter { $0 != source }.sorted()
            if !targets.isEmpty { result[source] = targets }
        }
        return result
    }
}
