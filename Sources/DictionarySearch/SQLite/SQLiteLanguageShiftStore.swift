package import DictStore
package import DictionaryCore
import DictVectors
import Foundation
import GRDB

/// `query_language_shifts` (migration 0013) in the SQLite dictionary database: the translated pairs `dict embed`
/// takes the shifts from (`LanguageShiftSample`), and the shifts themselves (`QueryLanguageShifts`).
package struct SQLiteLanguageShiftStore: Sendable {
    package let database: StoreDatabase

    package init(database: StoreDatabase) { self.database = database }

    /// Per language other than English: up to `limit` entries whose `metadata.translation_of` is a string, the
    /// first by entry id, each with its concise definition and its English original's (found by normalized term,
    /// as `TranslationLinks` finds it); entries whose original is missing are left out.
    package func samplePairs(limit: Int = LanguageShiftSample.perLanguage) throws -> [Language: [LanguageShiftSample.Pair]] {
        try database.read { db in
            var pairs: [Language: [LanguageShiftSample.Pair]] = [:]
            for language in Language.allCases where language != .en {
                let translated = try Row.fetchAll(db, sql: """
                    SELECT coalesce(json_extract(definition, '$.concise'), ''), json_extract(metadata, '$.translation_of')
                    FROM dictionary_entries
                    WHERE lang = ? AND json_type(metadata, '$.translation_of') = 'text' ORDER BY id LIMIT ?
                    """, arguments: [language.rawValue, limit]).map { (text: $0[0] as String, key: TermNormalizer.normalize($0[1] as String)) }
                let keys = Array(Set(translated.map(\.key)))
                var english: [String: String] = [:]
                for start in stride(from: 0, to: keys.count, by: 500) {
                    let chunk = Array(keys[start..<min(start + 500, keys.count)])
                    for row in try Row.fetchAll(db, sql: """
                        SELECT normalized_term, coalesce(json_extract(definition, '$.concise'), '') FROM dictionary_entries
                        WHERE lang = 'en' AND normalized_term IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ", ")))
                        """, arguments: StatementArguments(chunk)) {
                        english[row[0]] = row[1]
                    }
                }
                let found = translated.compactMap { entry in english[entry.key].map { LanguageShiftSample.Pair(text: entry.text, english: $0) } }
                if !found.isEmpty { pairs[language] = found }
            }
            return pairs
        }
    }

    /// Replaces `model`'s shifts with `shifts` in one transaction.
    package func replace(model: String, dimension: Int, shifts: [Language: (shift: [Float], count: Int)]) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM query_language_shifts WHERE model = ?", arguments: [model])
            for (language, shift) in shifts.sorted(by: { $0.key < $1.key }) {
                try VectorMath.validate(shift.shift, dimension: dimension)
                try db.execute(sql: """
                    INSERT INTO query_language_shifts (model, lang, dimension, pair_count, shift, computed_at) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [model, language.rawValue, dimension, shift.count, QueryLanguageShifts.blob(shift.shift), Timestamp.now()])
            }
        }
    }

    /// `model`'s shifts (none when none were taken), each checked (`QueryLanguageShifts.decoded`).
    package func shifts(model: String, dimension: Int) throws -> QueryLanguageShifts {
        try database.read { db in
            var shifts: [Language: [Float]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT lang, shift FROM query_language_shifts WHERE model = ?", arguments: [model]) {
                let lang: String = row[0]
                guard let language = Language(rawValue: lang) else { continue }
                shifts[language] = try QueryLanguageShifts.decoded(blob: row[1], dimension: dimension, model: model, language: lang)
            }
            return QueryLanguageShifts(shifts: shifts)
        }
    }
}
