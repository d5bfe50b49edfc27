package import DictPostgres
package import DictionaryCore
import PostgresNIO

/// `word_frequencies` on PostgreSQL: the lists `WordFrequencyImporter.readList` checked, each language replaced in
/// one transaction (a DELETE, then the rows with COPY), as the SQLite importer does.
package struct PostgresWordFrequencyStore: Sendable {
    package let session: PostgresSession

    package init(session: PostgresSession) { self.session = session }

    /// How many words of `language` have a frequency.
    package func wordCount(language: Language) async throws -> Int {
        try await session.query("SELECT count(*) FROM word_frequencies WHERE lang = \(language.rawValue)").first?.decode(Int.self) ?? 0
    }

    /// Replaces `language`'s rows with `words`; returns how many were stored.
    @discardableResult
    package func replace(language: Language, words: [String: Double]) async throws -> Int {
        let rows = words.sorted { $0.key < $1.key }
        try await session.transaction { session in
            try await session.query("DELETE FROM word_frequencies WHERE lang = \(language.rawValue)")
            try await session.copy(into: "word_frequencies", columns: ["lang", "word", "zipf"], rows: rows.count) { i, text in
                text.append(language.rawValue)
                text.append(rows[i].key)
                text.append("\(rows[i].value)")
            }
        }
        return rows.count
    }

    /// Imports every list of `directory` (`<lang>.tsv`); returns the words stored per language.
    package func importDirectory(_ directory: String) async throws -> [(Language, Int)] {
        var imported: [(Language, Int)] = []
        for list in try WordFrequencyImporter.lists(in: directory) {
            imported.append((list.language, try await replace(language: list.language, words: WordFrequencyImporter.readList(at: list.path))))
        }
        return imported
    }
}
