import Foundation

/// An entry language (`dictionary_entries.lang`). Raw values are the stored codes, including `zh-CN`/`zh-TW`
/// with their capitals (the original lower-cased them in `/search` and lost Chinese).
package enum Language: String, Codable, CaseIterable, Sendable, Comparable {
    case en, es, fr, de
    case zhCN = "zh-CN"
    case zhTW = "zh-TW"

    /// Parses a code case-insensitively, with `_` accepted for `-` (`zh-cn`, `ZH_TW`); nil if unknown.
    package init?(code: String) {
        let cleaned = code.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-").lowercased()
        guard let match = Language.allCases.first(where: { $0.rawValue.lowercased() == cleaned }) else { return nil }
        self = match
    }

    package static func < (lhs: Language, rhs: Language) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The language a term was borrowed from (`source_lang`): the entry languages plus Italian and Latin.
package enum SourceLanguage: String, Codable, CaseIterable, Sendable {
    case en, es, fr, de, it, la
    case zhCN = "zh-CN"
    case zhTW = "zh-TW"
}

/// The twelve term types of the `type` CHECK constraint.
package enum TermType: String, Codable, CaseIterable, Sendable {
    case tempo, dynamics, articulation, form, genre, instrument, technique, theory, composer, period, notation, general
}
