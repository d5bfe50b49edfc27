import DictionaryCore
import GRDB

/// Which entries translate which. The glossary records a translated entry's English original in
/// `metadata.translation_of`, so two entries translate each other when their English keys match: an English entry's
/// key is its normalized term (unique per language), another language's the normalized `translation_of`.
enum TranslationLinks {
    /// For each of `sourceIDs` that has a key, its translations passing `filters` (their languages included),
    /// itself excluded, in id order. Two indexed reads: the sources by id, English targets by term; targets in
    /// other languages are read by language (a few hundred glossary rows each).
    static func translations(of sourceIDs: [String], passing filters: SearchFilters, db: Database) throws -> [String: [String]] {
        guard !sourceIDs.isEmpty, !filters.languages.isEmpty else { return [:] }
        var keyOf: [String: String] = [:]
        let sources = try Row.fetchCursor(db, sql: """
            SELECT id, lang, normalized_term, json_extract(metadata, '$.translation_of') FROM dictionary_entries
            WHERE id IN (\(placeholders(sourceIDs.count)))
            """, arguments: StatementArguments(sourceIDs))
        while let row = try sources.next() {
            if let key = TranslationKeys.key(lang: row[1], normalizedTerm: row[2], translationOf: row[3]) { keyOf[row[0]] = key }
        }
        let keys = Array(Set(keyOf.values)).sorted()
        guard !keys.isEmpty else { return [:] }

        var targetsOf: [String: [String]] = [:]
        func collect(_ cursor: RowCursor, key: (Row) -> String?) throws {
            while let row = try cursor.next() {
                guard let language = Language(rawValue: row[1]), let type = TermType(rawValue: row[2]),
                      filters.matches(lang: language, type: type, overallScore: row[3]), let key = key(row) else { continue }
                targetsOf[key, default: []].append(row[0])
            }
        }
        if filters.languages.contains(.en) {
            try collect(Row.fetchCursor(db, sql: """
                SELECT id, lang, type, overall_score, normalized_term FROM dictionary_entries
                WHERE lang = 'en' AND normalized_term IN (\(placeholders(keys.count)))
                """, arguments: StatementArguments(keys))) { $0[4] }
        }
        let others = filters.languages.filter { $0 != .en }.map(\.rawValue)
        if !others.isEmpty {
            let wanted = Set(keys)
            try collect(Row.fetchCursor(db, sql: """
                SELECT id, lang, type, overall_score, json_extract(metadata, '$.translation_of') FROM dictionary_entries
                WHERE lang IN (\(placeholders(others.count))) AND json_extract(metadata, '$.translation_of') IS NOT NULL
                """, arguments: StatementArguments(others))) { row in
                let key = TermNormalizer.normalize(row[4] as String)
                return wanted.contains(key) ? key : nil
            }
        }
        return TranslationKeys.translations(keyOf: keyOf, targetsOf: targetsOf)
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
