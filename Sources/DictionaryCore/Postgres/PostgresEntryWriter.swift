package import DictPostgres
import DictStore
import Foundation
import PostgresNIO

/// Writes single entries on PostgreSQL inside the caller's transaction, as `EntryRepository.insertAll(_:onExisting:
/// .skip, db:)` does on SQLite: the draft validated and keyed the same way (`PreparedEntryRow`), an existing
/// `(normalized_term, lang)` kept, and a new entry queued for `embeddingModels`. The full-text document, its postings
/// and the term-key version follow through the schema's triggers. (Bulk imports go through `PostgresEntryImportStore`.)
package struct PostgresEntryWriter: Sendable {
    package let embeddingModels: [String]

    package init(embeddingModels: [String] = []) { self.embeddingModels = embeddingModels }

    /// Whether `(normalize(term), lang)` exists.
    package func hasEntry(term: String, lang: String, in session: PostgresSession) async throws -> Bool {
        var statement = PostgresStatement()
        let sql = """
            SELECT EXISTS (SELECT 1 FROM dictionary_entries
                           WHERE normalized_term = \(statement.bind(TermNormalizer.normalize(term))) AND lang = \(statement.bind(lang)))
            """
        return try await session.query(statement.query(sql)).first?.decode(Bool.self) ?? false
    }

    /// Inserts `draft` unless its key exists; returns the stored id and whether this call created it.
    /// - Throws: the validator's `EntryError` for a draft SQLite would refuse.
    package func insertKeepingExisting(_ draft: EntryDraft, in session: PostgresSession) async throws -> (id: String, inserted: Bool) {
        let row = try PreparedEntryRow(draft)
        let now = Timestamp.now()
        var insert = PostgresStatement()
        let insertSQL = """
            INSERT INTO dictionary_entries (id, term, normalized_term, folded_term, lang, source_lang, lang_confidence, type, definition,
                refs, metadata, quality_score, overall_score, ai_metadata, created_at, updated_at, version)
            VALUES (\(insert.bind(RandomRowID.make())), \(insert.bind(draft.term)), \(insert.bind(row.normalized)), \(insert.bind(row.folded)),
                \(insert.bind(draft.lang.rawValue)), \(insert.bind(draft.sourceLang?.rawValue)), \(insert.bind(draft.langConfidence)),
                \(insert.bind(draft.type.rawValue)), \(insert.bind(row.definition))::jsonb, \(insert.bind(row.references))::jsonb,
                \(insert.bind(row.metadata))::jsonb, \(insert.bind(row.qualityScore))::jsonb, \(insert.bind(draft.qualityScore.overall)),
                \(insert.bind(row.aiMetadata))::jsonb, \(insert.bind(now)), \(insert.bind(now)), 1)
            ON CONFLICT (normalized_term, lang) DO NOTHING RETURNING id
            """
        guard let id = try await session.query(insert.query(insertSQL)).first?.decode(String.self) else {
            var existing = PostgresStatement()
            let existingSQL = """
                SELECT id FROM dictionary_entries WHERE normalized_term = \(existing.bind(row.normalized)) AND lang = \(existing.bind(draft.lang.rawValue))
                """
            guard let id = try await session.query(existing.query(existingSQL)).first?.decode(String.self) else {
                throw EntryError.notFound(id: draft.term)
            }
            return (id, false)
        }
        if !embeddingModels.isEmpty {
            var queue = PostgresStatement()
            let queueSQL = """
                INSERT INTO embedding_queue (id, entry_id, model, reason, priority, status, created_at, updated_at)
                SELECT gen_random_uuid()::text, \(queue.bind(id)), m, 'missing', 5, 'pending', \(queue.bind(now)), \(queue.bind(now))
                FROM unnest(\(queue.bind(Set(embeddingModels).sorted()))::text[]) AS m
                ON CONFLICT DO NOTHING
                """
            try await session.query(queue.query(queueSQL))
        }
        return (id, true)
    }
}
