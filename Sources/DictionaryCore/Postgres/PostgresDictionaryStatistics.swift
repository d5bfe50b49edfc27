package import DictPostgres
import PostgresNIO

/// `DictionaryStatisticsReading` on PostgreSQL's `dictionary` schema: the same counts as `DictionaryStatistics`.
package struct PostgresDictionaryStatistics: DictionaryStatisticsReading {
    package let session: PostgresSession

    package init(session: PostgresSession) { self.session = session }

    package func hasEntries() async throws -> Bool {
        try await session.query("SELECT EXISTS (SELECT 1 FROM dictionary_entries)").first?.decode(Bool.self) ?? false
    }

    package func totals() async throws -> (entries: Int, embeddings: Int) {
        // One statement, so both counts come from one snapshot.
        let row = try await session.query("SELECT (SELECT count(*) FROM dictionary_entries), (SELECT count(*) FROM term_embeddings)").first
        return try row?.decode((Int, Int).self) ?? (0, 0)
    }

    package func entriesPerLanguage() async throws -> [String: Int] {
        try await counts("SELECT lang, count(*) FROM dictionary_entries GROUP BY lang")
    }

    package func embeddingsPerModel() async throws -> [String: Int] {
        try await counts("SELECT model, count(*) FROM term_embeddings GROUP BY model")
    }

    private func counts(_ sql: String) async throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try await session.execute(sql) {
            let (key, count) = try row.decode((String, Int).self)
            result[key] = count
        }
        return result
    }
}
