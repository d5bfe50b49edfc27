package import DictPostgres
package import DictionaryCore
import DictStore
import Foundation
import PostgresNIO

/// The PostgreSQL import store: every draft is validated first (a bad one throws `EntryError.bulkItem` before
/// anything is sent), then one transaction streams the new entries and their embedding-queue items with
/// `COPY … FROM STDIN` (text format), resolves every related name with one query and inserts the relation rows in
/// batches. Existing `(normalized_term, lang)` keys are kept (`.skip`), refused (`.fail`) or replaced in place
/// (`.replace`: one batched UPDATE, version + 1, the embedding queue told about changed text), as on SQLite.
package struct PostgresEntryImportStore: EntryImportStore {
    /// How rows reach the server; `dict import … --database` uses COPY (Benchmarks/README.md has both measured).
    package enum BulkMethod: String, Sendable, CaseIterable {
        case copy
        /// `INSERT … SELECT FROM unnest($1::text[], …)` in batches of 5,000 rows.
        case insert
    }

    package let session: PostgresSession
    package let embeddingModels: [String]
    package let method: BulkMethod

    package init(session: PostgresSession, embeddingModels: [String] = [], method: BulkMethod = .copy) {
        self.session = session
        self.embeddingModels = embeddingModels
        self.method = method
    }

    package func importEntries(_ drafts: [EntryDraft], onExisting policy: EntryRepository.ExistingEntryPolicy) async throws -> EntryImportOutcome {
        let outcome = try await write(drafts, onExisting: policy)
        return EntryImportOutcome(changes: outcome.changes, relationsCreated: outcome.relationsCreated, unresolvedNames: outcome.unresolvedNames)
    }

    /// What `write` did: the written entries' changes in draft order, the drafts `.skip` kept (with their stored
    /// entries' ids), the drafts `.fail` refused when `refuseByItem` is on, and the relations linked.
    struct WriteOutcome {
        var changes: [EntryChange] = []
        var kept: [(index: Int, id: String)] = []
        var refused: [(index: Int, error: EntryError)] = []
        var relationsCreated = 0
        var unresolvedNames = 0
    }

    /// The one write behind `importEntries` and the entry-file import, in one transaction. With `refuseByItem`, a
    /// draft `.fail` refuses (its key exists) is left out and listed instead of failing the import (SQLite's
    /// per-record savepoint under `--skip-invalid`). With `linkKept`, the relations the kept entries' stored
    /// metadata names are linked too (the entry-file import's rule; the glossary and WordNet leave kept entries
    /// as they are). `exportedRelations(index)` gives the relations a draft's file line listed, linked by exact
    /// key after the metadata's.
    func write(
        _ drafts: [EntryDraft], onExisting policy: EntryRepository.ExistingEntryPolicy, refuseByItem: Bool = false, linkKept: Bool = false,
        exportedRelations: @Sendable (Int) -> [GlossaryImporter.Relation] = { _ in [] }
    ) async throws -> WriteOutcome {
        let prepared = try Self.prepare(drafts)
        return try await session.transaction { session in
            let existing = try await existingIDs(prepared: prepared, drafts: drafts, session: session)
            var outcome = WriteOutcome()
            var chosen: [Int] = []
            var replaced: [(index: Int, id: String)] = []
            chosen.reserveCapacity(drafts.count)
            for index in drafts.indices {
                guard let id = existing[index] else {
                    chosen.append(index)
                    continue
                }
                switch policy {
                case .skip:
                    outcome.kept.append((index, id))
                case .fail:
                    let error = EntryError.duplicate(normalizedTerm: prepared[index].normalized, lang: drafts[index].lang.rawValue)
                    guard refuseByItem else { throw EntryError.bulkItem(index: index, error: error) }
                    outcome.refused.append((index, error))
                case .replace:
                    replaced.append((index, id))
                }
            }
            let now = Timestamp.now()
            let ids = chosen.map { _ in RandomRowID.make() }
            try await writeEntries(chosen.map { (drafts[$0], prepared[$0]) }, ids: ids, now: now, session: session)
            try await writeEmbeddingQueue(ids: ids, session: session)
            var written: [(index: Int, change: EntryChange)] = zip(chosen, ids).map { index, id in
                (index, EntryChange(id: id, created: true, embeddingTextChanged: true, lang: drafts[index].lang, type: drafts[index].type,
                                    overallScore: drafts[index].qualityScore.overall))
            }
            written += try await replaceEntries(replaced, drafts: drafts, prepared: prepared, now: now, session: session)
            written.sort { $0.index < $1.index }
            outcome.changes = written.map(\.change)
            // The entries to link, in draft order: the written ones with their drafts' metadata (the stored metadata
            // holds the same names), the kept ones with their stored metadata.
            var linked: [(index: Int, source: RelationSource)] = written.map {
                ($0.index, RelationSource(id: $0.change.id, lang: drafts[$0.index].lang, metadata: drafts[$0.index].metadata))
            }
            if linkKept, !outcome.kept.isEmpty {
                let stored = try await storedMetadata(ids: outcome.kept.map(\.id), session: session)
                linked += outcome.kept.map { ($0.index, RelationSource(id: $0.id, lang: drafts[$0.index].lang, metadata: stored[$0.id] ?? EntryMetadata())) }
                linked.sort { $0.index < $1.index }
            }
            (outcome.relationsCreated, outcome.unresolvedNames) = try await linkRelations(linked.map(\.source), now: now, session: session)
            let exported = try await linkExportedRelations(
                linked.map { (id: $0.source.id, relations: exportedRelations($0.index)) }, now: now, session: session)
            outcome.relationsCreated += exported.created
            outcome.unresolvedNames += exported.unresolved
            return outcome
        }
    }

    /// The stored metadata of the entries `ids`.
    private func storedMetadata(ids: [String], session: PostgresSession) async throws -> [String: EntryMetadata] {
        var metadata: [String: EntryMetadata] = [:]
        for row in try await session.query("SELECT id, metadata::text FROM dictionary_entries WHERE id = ANY(\(ids))") {
            let (id, text) = try row.decode((String, String).self)
            metadata[id] = try EntryRow.decodeColumn(text, as: EntryMetadata.self, column: "metadata", id: id)
        }
        return metadata
    }

    /// Overwrites the stored entries of `replaced` with their drafts in one UPDATE (the counters `search_frequency`
    /// and `last_accessed` and `created_at` stay, `version` + 1), and queues new vectors for every entry whose term or
    /// definition changed, for the configured models and the models it has vectors of (SQLite's `replace`).
    private func replaceEntries(
        _ replaced: [(index: Int, id: String)], drafts: [EntryDraft], prepared: [PreparedEntryRow], now: String, session: PostgresSession
    ) async throws -> [(index: Int, change: EntryChange)] {
        guard !replaced.isEmpty else { return [] }
        var old: [String: (term: String, definition: EntryDefinition)] = [:]
        for row in try await session.query("SELECT id, term, definition::text FROM dictionary_entries WHERE id = ANY(\(replaced.map(\.id)))") {
            let (id, term, definition) = try row.decode((String, String, String).self)
            old[id] = (term, try EntryRow.decodeColumn(definition, as: EntryDefinition.self, column: "definition", id: id))
        }
        let rows = replaced.map { Self.values(drafts[$0.index], prepared[$0.index], id: $0.id, now: now) }
        let json = String(decoding: try JSONEncoder().encode(rows), as: UTF8.self)
        try await session.query("""
            UPDATE dictionary_entries AS e SET term = r ->> 1, normalized_term = r ->> 2, folded_term = r ->> 3, lang = r ->> 4,
                source_lang = r ->> 5, lang_confidence = (r ->> 6)::double precision, type = r ->> 7, definition = (r ->> 8)::jsonb,
                refs = (r ->> 9)::jsonb, metadata = (r ->> 10)::jsonb, quality_score = (r ->> 11)::jsonb,
                overall_score = (r ->> 12)::double precision, ai_metadata = (r ->> 13)::jsonb, updated_at = r ->> 15,
                version = e.version + 1
            FROM jsonb_array_elements(\(json)::text::jsonb) AS r
            WHERE e.id = r ->> 0
            """)
        var changes: [(index: Int, change: EntryChange)] = []
        var changedText: [String] = []
        for (index, id) in replaced {
            let draft = drafts[index]
            let textChanged = old[id].map { $0.term != draft.term || $0.definition != draft.definition } ?? true
            if textChanged { changedText.append(id) }
            changes.append((index, EntryChange(id: id, created: false, embeddingTextChanged: textChanged, lang: draft.lang, type: draft.type,
                                               overallScore: draft.qualityScore.overall)))
        }
        guard !changedText.isEmpty else { return changes }
        var models: [String: Set<String>] = Dictionary(uniqueKeysWithValues: changedText.map { ($0, Set(embeddingModels)) })
        for row in try await session.query("SELECT DISTINCT entry_id, model FROM term_embeddings WHERE entry_id = ANY(\(changedText))") {
            let (id, model) = try row.decode((String, String).self)
            models[id, default: []].insert(model)
        }
        let queue: [[String?]] = changedText.flatMap { id in (models[id] ?? []).sorted().map { [RandomRowID.make(), id, $0, "stale"] } }
        _ = try await insertBatches(table: "embedding_queue", columns: ["id", "entry_id", "model", "reason"], types: ["text", "text", "text", "text"],
                                    rows: queue, onConflictDoNothing: true, session: session)
        return changes
    }

    /// Validates and encodes every draft; the first failure, or a key two drafts share, names its position.
    static func prepare(_ drafts: [EntryDraft]) throws -> [PreparedEntryRow] {
        var prepared: [PreparedEntryRow] = []
        prepared.reserveCapacity(drafts.count)
        var seen: Set<String> = []
        for (index, draft) in drafts.enumerated() {
            let row: PreparedEntryRow
            do {
                row = try PreparedEntryRow(draft)
            } catch let error as EntryError {
                throw EntryError.bulkItem(index: index, error: error)
            }
            guard seen.insert(row.normalized + "\u{0}" + draft.lang.rawValue).inserted else {
                throw EntryError.bulkItem(index: index, error: .duplicate(normalizedTerm: row.normalized, lang: draft.lang.rawValue))
            }
            prepared.append(row)
        }
        return prepared
    }

    /// The stored id of each draft's key, where one exists.
    private func existingIDs(prepared: [PreparedEntryRow], drafts: [EntryDraft], session: PostgresSession) async throws -> [Int: String] {
        let rows = try await session.query("""
            SELECT k.i::bigint, e.id
            FROM unnest(\(prepared.map(\.normalized))::text[], \(drafts.map(\.lang.rawValue))::text[]) WITH ORDINALITY AS k(n, l, i)
            JOIN dictionary_entries e ON e.normalized_term = k.n AND e.lang = k.l
            """)
        var found: [Int: String] = [:]
        for row in rows {
            let (position, id) = try row.decode((Int, String).self)
            found[position - 1] = id
        }
        return found
    }

    private static let entryColumns = [
        "id", "term", "normalized_term", "folded_term", "lang", "source_lang", "lang_confidence", "type", "definition",
        "refs", "metadata", "quality_score", "overall_score", "ai_metadata", "created_at", "updated_at", "version",
    ]

    /// One entry's values in `entryColumns` order, as text.
    private static func values(_ draft: EntryDraft, _ row: PreparedEntryRow, id: String, now: String) -> [String?] {
        [id, draft.term, row.normalized, row.folded, draft.lang.rawValue, draft.sourceLang?.rawValue,
         "\(draft.langConfidence)", draft.type.rawValue, row.definition, row.references, row.metadata,
         row.qualityScore, "\(draft.qualityScore.overall)", row.aiMetadata, now, now, "1"]
    }

    private func writeEntries(_ rows: [(EntryDraft, PreparedEntryRow)], ids: [String], now: String, session: PostgresSession) async throws {
        let values = zip(rows, ids).map { Self.values($0.0, $0.1, id: $1, now: now) }
        try await bulkInsert(table: "dictionary_entries", columns: Self.entryColumns,
                             types: ["text", "text", "text", "text", "text", "text", "double precision", "text", "jsonb",
                                     "jsonb", "jsonb", "jsonb", "double precision", "jsonb", "text", "text", "bigint"],
                             rows: values, session: session)
    }

    private func writeEmbeddingQueue(ids: [String], session: PostgresSession) async throws {
        guard !embeddingModels.isEmpty else { return }
        var rows: [[String?]] = []
        for id in ids {
            for model in Set(embeddingModels).sorted() { rows.append([RandomRowID.make(), id, model, "missing"]) }
        }
        try await bulkInsert(table: "embedding_queue", columns: ["id", "entry_id", "model", "reason"],
                             types: ["text", "text", "text", "text"], rows: rows, session: session)
    }

    /// Resolves every wanted name in one query (the SQLite store's order: the entry's language first, then English,
    /// then the higher overall score, then the earlier entry) and inserts the links, duplicates ignored.
    func linkRelations(_ sources: [RelationSource], now: String, session: PostgresSession) async throws -> (Int, Int) {
        var keys: [String: Int] = [:]
        var names: [String] = []
        var langs: [String] = []
        var wanted: [(from: String, link: RelationLink, key: Int?)] = []
        for source in sources {
            for link in source.wantedLinks {
                let normalized = TermNormalizer.normalize(link.name)
                guard !normalized.isEmpty else {
                    wanted.append((source.id, link, nil))
                    continue
                }
                let key = normalized + "\u{0}" + link.lang
                if keys[key] == nil {
                    keys[key] = names.count
                    names.append(normalized)
                    langs.append(link.lang)
                }
                wanted.append((source.id, link, keys[key]))
            }
        }
        var targets = [String?](repeating: nil, count: names.count)
        if !names.isEmpty {
            let rows = try await session.query("""
                SELECT k.i::bigint, (SELECT e.id FROM dictionary_entries e WHERE e.normalized_term = k.n
                                     ORDER BY (e.lang = k.l) DESC, (e.lang = 'en') DESC, e.overall_score DESC, e.seq ASC LIMIT 1)
                FROM unnest(\(names)::text[], \(langs)::text[]) WITH ORDINALITY AS k(n, l, i)
                """)
            for row in rows {
                let (position, id) = try row.decode((Int, String?).self)
                targets[position - 1] = id
            }
        }
        var links: [[String?]] = []
        var unresolved = 0
        for (from, link, key) in wanted {
            guard let key, let target = targets[key] else {
                unresolved += 1
                continue
            }
            let confidence = "\(link.confidence)"
            if from != target { links.append([RandomRowID.make(), from, target, link.type, confidence, now]) }
            if link.bothWays, from != target { links.append([RandomRowID.make(), target, from, link.type, confidence, now]) }
        }
        // Duplicate links (a name listed twice) are ignored, as SQLite's ON CONFLICT DO NOTHING does; COPY has no
        // conflict clause, so relations always go through INSERT.
        let created = try await insertBatches(
            table: "related_terms", columns: ["id", "entry_id", "related_entry_id", "relationship_type", "confidence_score", "created_at"],
            types: ["text", "text", "text", "text", "double precision", "text"], rows: links, onConflictDoNothing: true, session: session)
        return (created, unresolved)
    }

    private func bulkInsert(table: String, columns: [String], types: [String], rows: [[String?]], session: PostgresSession) async throws {
        switch method {
        case .copy: try await session.copy(into: table, columns: columns, rows: rows.count) { i, text in
            for value in rows[i] { text.append(value) }
        }
        case .insert: _ = try await insertBatches(table: table, columns: columns, types: types, rows: rows, onConflictDoNothing: false, session: session)
        }
    }

    /// `INSERT INTO table (columns) SELECT … FROM jsonb_array_elements($1)` in batches of 5,000 rows (one JSON array
    /// of rows per batch: postgres-nio binds no arrays with NULL elements, JSON carries them); returns the rows
    /// inserted.
    func insertBatches(
        table: String, columns: [String], types: [String], rows: [[String?]], onConflictDoNothing: Bool, session: PostgresSession
    ) async throws -> Int {
        let expressions = types.enumerated().map { "(r ->> \($0.offset))::\($0.element)" }.joined(separator: ", ")
        let sql = """
            WITH written AS (
                INSERT INTO \(table) (\(columns.joined(separator: ", ")))
                SELECT \(expressions) FROM jsonb_array_elements($1::text::jsonb) AS r
                \(onConflictDoNothing ? "ON CONFLICT DO NOTHING" : "")
                RETURNING 1
            )
            SELECT count(*) FROM written
            """
        var inserted = 0
        var start = 0
        while start < rows.count {
            let batch = Array(rows[start..<min(start + 5_000, rows.count)])
            let json = String(decoding: try JSONEncoder().encode(batch), as: UTF8.self)
            var bindings = PostgresBindings(capacity: 1)
            bindings.append(json)
            let result = try await session.query(PostgresQuery(unsafeSQL: sql, binds: bindings))
            inserted += try result.first?.decode(Int.self) ?? 0
            start += 5_000
        }
        return inserted
    }
}
