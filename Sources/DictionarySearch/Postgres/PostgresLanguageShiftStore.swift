package import DictPostgres
package import DictionaryCore
import DictVectors
import Foundation
import PostgresNIO

/// `query_language_shifts` (postgres/dictionary/0005) on PostgreSQL: `SQLiteLanguageShiftStore`'s sample, writes
/// and reads.
package struct PostgresLanguageShiftStore: Sendable {
    package let session: PostgresSession

    package init(session: PostgresSession) { self.session = session }

    /// `SQLiteLanguageShiftStore.samplePairs`: entry ids in byte order, as SQLite orders them.
    package func samplePairs(limit: Int = LanguageShiftSample.perLanguage) async throws -> [Language: [LanguageShiftSample.Pair]] {
        var pairs: [Language: [LanguageShiftSample.Pair]] = [:]
        for language in Language.allCases where language != .en {
            let translated = try await session.query("""
                SELECT coalesce(definition ->> 'concise', ''), metadata ->> 'translation_of' FROM dictionary_entries
                WHERE lang = \(language.rawValue) AND jsonb_typeof(metadata -> 'translation_of') = 'string'
                ORDER BY id COLLATE "C" LIMIT \(limit)
                """).map { row in
                let (text, key) = try row.decode((String, String).self)
                return (text: text, key: TermNormalizer.normalize(key))
            }
            let keys = Array(Set(translated.map(\.key)))
            guard !keys.isEmpty else { continue }
            var english: [String: String] = [:]
            for row in try await session.query("""
                SELECT normalized_term, coalesce(definition ->> 'concise', '') FROM dictionary_entries
                WHERE lang = 'en' AND normalized_term = ANY(\(keys))
                """) {
                let (key, text) = try row.decode((String, String).self)
                english[key] = text
            }
            let found = translated.compactMap { entry in english[entry.key].map { LanguageShiftSample.Pair(text: entry.text, english: $0) } }
            if !found.isEmpty { pairs[language] = found }
        }
        return pairs
    }

    /// Replaces `model`'s shifts with `shifts` in one transaction.
    package func replace(model: String, dimension: Int, shifts: [Language: (shift: [Float], count: Int)]) async throws {
        let rows = shifts.sorted { $0.key < $1.key }
        for row in rows { try VectorMath.validate(row.value.shift, dimension: dimension) }
        try await session.transaction { session in
            try await session.query("DELETE FROM query_language_shifts WHERE model = \(model)")
            try await session.copy(into: "query_language_shifts", columns: ["model", "lang", "dimension", "pair_count", "shift"], rows: rows.count) { i, text in
                text.append(model)
                text.append(rows[i].key.rawValue)
                text.append(dimension)
                text.append(rows[i].value.count)
                text.append(littleEndianFloats: rows[i].value.shift)
            }
        }
    }

    /// `model`'s shifts (none when none were taken), checked as `SQLiteLanguageShiftStore.shifts` checks them.
    package func shifts(model: String, dimension: Int) async throws -> QueryLanguageShifts {
        var shifts: [Language: [Float]] = [:]
        for row in try await session.query("SELECT lang, shift FROM query_language_shifts WHERE model = \(model)") {
            let (lang, blob) = try row.decode((String, ByteBuffer).self)
            guard let language = Language(rawValue: lang) else { continue }
            shifts[language] = try QueryLanguageShifts.decoded(blob: Data(blob.readableBytesView), dimension: dimension, model: model, language: lang)
        }
        return QueryLanguageShifts(shifts: shifts)
    }
}
