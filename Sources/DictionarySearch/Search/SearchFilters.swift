package import DictionaryCore
import GRDB

/// Restrictions every search mode applies: languages, types and an `overall_score` range (0–100, inclusive).
/// Empty sets mean "any".
package struct SearchFilters: Hashable, Sendable {
    package var languages: [Language]
    package var types: [TermType]
    package var minQuality: Double?
    package var maxQuality: Double?

    package init(languages: [Language] = [], types: [TermType] = [], minQuality: Double? = nil, maxQuality: Double? = nil) {
        self.languages = languages; self.types = types; self.minQuality = minQuality; self.maxQuality = maxQuality
    }

    /// True when no filter is set.
    package var isEmpty: Bool { languages.isEmpty && types.isEmpty && minQuality == nil && maxQuality == nil }

    /// Parses language codes (case-insensitive, `zh-cn` → `zh-CN`); an unknown code throws `.invalidLanguage`.
    package static func languages(from codes: [String]) throws -> [Language] {
        try codes.flatMap { $0.split(separator: ",") }.map(String.init).filter { !$0.isEmpty }.map { code in
            guard let language = Language(code: code) else { throw SearchError.invalidLanguage(found: code) }
            return language
        }
    }

    /// Parses term types (comma-separated values allowed); an unknown type throws `.invalidType`.
    package static func types(from names: [String]) throws -> [TermType] {
        try names.flatMap { $0.split(separator: ",") }.map(String.init).filter { !$0.isEmpty }.map { name in
            guard let type = TermType(rawValue: name.lowercased()) else { throw SearchError.invalidType(found: name) }
            return type
        }
    }

    /// True when `entry` passes every filter (the in-memory twin of `sqlConditions`).
    package func matches(_ entry: DictionaryEntry) -> Bool {
        matches(lang: entry.lang, type: entry.type, overallScore: entry.overallScore)
    }

    /// True when an entry with these attributes passes every filter.
    func matches(lang: Language, type: TermType, overallScore: Double) -> Bool {
        (languages.isEmpty || languages.contains(lang)) && (types.isEmpty || types.contains(type))
            && (minQuality.map { overallScore >= $0 } ?? true) && (maxQuality.map { overallScore <= $0 } ?? true)
    }

    /// Checks the quality bounds.
    func validate() throws {
        for (field, value) in [("min_quality", minQuality), ("max_quality", maxQuality)] {
            if let value, !(value.isFinite && (0...100).contains(value)) {
                throw SearchError.invalidQuality(field: field, found: value)
            }
        }
        if let minQuality, let maxQuality, minQuality > maxQuality {
            throw SearchError.invalidQualityRange(min: minQuality, max: maxQuality)
        }
    }

    /// The SQL conditions (on alias `e`) and their bound arguments; never splices values into SQL. With
    /// `indexable: false` each column is written `+e.col`, which keeps SQLite from driving the query by the
    /// low-selectivity lang/type/score indexes when a term key or the full-text index should drive it (without
    /// statistics the planner otherwise scans every English row for one lookup).
    func sqlConditions(indexable: Bool = true) -> (sql: [String], arguments: [DatabaseValue]) {
        let column = indexable ? "e." : "+e."
        var sql: [String] = []
        var arguments: [DatabaseValue] = []
        if !languages.isEmpty {
            sql.append("\(column)lang IN (\(Array(repeating: "?", count: languages.count).joined(separator: ", ")))")
            arguments += languages.map(\.rawValue.databaseValue)
        }
        if !types.isEmpty {
            sql.append("\(column)type IN (\(Array(repeating: "?", count: types.count).joined(separator: ", ")))")
            arguments += types.map(\.rawValue.databaseValue)
        }
        if let minQuality { sql.append("\(column)overall_score >= ?"); arguments.append(minQuality.databaseValue) }
        if let maxQuality { sql.append("\(column)overall_score <= ?"); arguments.append(maxQuality.databaseValue) }
        return (sql, arguments)
    }
}
