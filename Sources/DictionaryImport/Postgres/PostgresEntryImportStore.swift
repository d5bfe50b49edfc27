package import DictPostgres
package import DictionaryCore
import DictStore
import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL import store: every draft is validated first (a bad one throws `EntryError.bulkItem` before
/// anything is sent), then one transaction streams the new entries and their embedding-queue items with
/// `COPY … FROM STDIN` (text format), resolves every related name with one query and inserts the relation rows in
/// batches. Existing `(normalized_term, lang)` keys are kept (`.skip`) or refused (`.fail`); `.replace` of an existing
/// entry is not available on PostgreSQL yet and is refused before anything is written.
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
    private let logger = Logger(label: "dict.import.postgres")

    package init(session: PostgresSession, embeddingModels: [String] = [], method: BulkMethod = .copy) {
        self.session = session
        self.embeddingModels = embeddingModels
        self.method = method
    }

    package func importEntries(_ drafts: [EntryDraft], onExisting policy: EntryRepository.ExistingEntryPolicy) async throws -> EntryImportOutcome {
        let prepared = try Self.prepare(drafts)
        return try await session.transaction { session in
            let existing = try await existingIDs(prepared: prepared, drafts: drafts, session: session)
            var chosen: [Int] = []
            chosen.reserveCapacity(drafts.count)
            for index in drafts.indices {
                guard existing[index] != nil else {
                    chosen.append(index)
                    continue
                }
                switch policy {
                case .skip:
                    continue
                case .fail:
                    throw EntryError.bulkItem(index: index, error: .duplicate(normalizedTerm: prepared[index].normalized, lang: drafts[index].lang.rawValue))
                case .replace:
                    throw PostgresImportError.replaceNotSupported(term: drafts[index].term, lang: drafts[index].lang.rawValue)
                }
            }
            let now = Timestamp.now()
            let ids = chosen.map { _ in RandomRowID.make() }
            try await writeEntries(chosen.map { (drafts[$0], prepared[$0]) }, ids: ids, now: now, session: session)
            try await writeEmbeddingQueue(ids: ids, session: session)
            let sources = zip(chosen, ids).map { RelationSource(id: $1, lang: drafts[$0].lang, metadata: drafts[$0].metadata) }
            let (created, unresolved) = try await linkRelations(sources, now: now, session: session)
            let changes = zip(chosen, ids).map { index, id in
                EntryChange(id: id, created: true, embeddingTextChanged: true, lang: drafts[index].lang, type: drafts[index].type,
                            overallScore: drafts[index].qualityScore.overall)
            }
            return EntryImportOutcome(changes: changes, relationsCreated: created, unresolvedNames: unresolved)
        }
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
    private func linkRelations(_ sources: [RelationSource], now: String, session: PostgresSession) async throws -> (Int, Int) {
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
        case .copy: try await copy(table: table, columns: columns, rows: rows, session: session)
        case .insert: _ = try await insertBatches(table: table, columns: columns, types: types, rows: rows, onConflictDoNothing: false, session: session)
        }
    }

    /// `COPY table (columns) FROM STDIN` with the rows in text format, sent in ~1 MiB pieces.
    private func copy(table: String, columns: [String], rows: [[String?]], session: PostgresSession) async throws {
        guard !rows.isEmpty else { return }
        do {
            try await session.connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                var text = PostgresCopyText()
                for row in rows {
                    for value in row { text.append(value) }
                    text.endRow()
                    if text.buffer.readableBytes >= 1 << 20 { try await writer.write(text.take()) }
                }
                if text.buffer.readableBytes > 0 { try await writer.write(text.take()) }
            }
        } catch {
            throw PostgresFailure(error, doing: "COPY \(table) (\(rows.count) rows)")
        }
    }

    /// `INSERT INTO table (columns) SELECT … FROM jsonb_array_elements($1)` in batches of 5,000 rows (one JSON array
    /// of rows per batch: postgres-nio binds no arrays with NULL elements, JSON carries them); returns the rows
    /// inserted.
    private func insertBatches(
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
