package import DictPostgres
import DictVectors
import PostgresNIO

/// `term_embeddings` and `semantic_model` on PostgreSQL's `dictionary` schema: what `dict embed --database` reads
/// and writes. Each write replaces whole entries' vectors in one transaction, so a reader never sees half an
/// entry and an interrupted run loses at most the batch in flight.
package struct PostgresEmbeddingStore: Sendable {
    package let session: PostgresSession

    package init(session: PostgresSession) { self.session = session }

    /// One entry as embedding reads it.
    package struct EntryText: Sendable {
        package var id: String
        package var term: String
        /// `definition` as JSON text.
        package var definition: String
        /// `source_hash` of the entry's chunk-0 vector of the model, nil when it has none.
        package var sourceHash: String?
    }

    /// Every entry (or only those of `ids`; vanished ones absent) in `seq` order with the source hash of its
    /// chunk-0 vector of `model` (nil without one). O(n), or O(ids) by primary key.
    package func entries(model: String, ids: [String]? = nil) async throws -> [EntryText] {
        var statement = PostgresStatement()
        let modelBind = statement.bind(model)
        let only = ids.map { " WHERE e.id = ANY(\(statement.bind($0)))" } ?? ""
        let sql = """
            SELECT e.id, e.term, e.definition::text, t.source_hash FROM dictionary_entries e
            LEFT JOIN term_embeddings t ON t.entry_id = e.id AND t.model = \(modelBind) AND t.chunk = 0\(only)
            ORDER BY e.seq
            """
        return try await session.query(statement.query(sql)).map { row in
            let (id, term, definition, hash) = try row.decode((String, String, String, String?).self)
            return EntryText(id: id, term: term, definition: definition, sourceHash: hash)
        }
    }

    /// Replaces every vector of `model` of each listed entry with its new ones (chunk i = vectors[i]) and fills the
    /// rows' sense attributes (part of speech, tagged frequency, gloss) from the entries' definitions, as SQLite's
    /// `SenseAttributes` does, all in one transaction. Every vector is validated (dimension, finite, non-zero)
    /// before anything is written. Entries deleted meanwhile make the transaction fail on the foreign key and
    /// roll back whole. `alsoInTransaction` runs last in the same transaction (a queue completing the items whose
    /// vectors these are). Returns how many vectors were written.
    @discardableResult
    package func replace(
        model: String, dimension: Int, entries: [(entryID: String, sourceHash: String, vectors: [[Float]])],
        alsoInTransaction: (@Sendable (PostgresSession) async throws -> Void)? = nil
    ) async throws -> Int {
        let rows = entries.flatMap { entry in
            entry.vectors.enumerated().map { (entryID: entry.entryID, chunk: $0.offset, vector: $0.element, hash: entry.sourceHash) }
        }
        for row in rows { try VectorMath.validate(row.vector, dimension: dimension, entryID: row.entryID) }
        let ids = entries.map(\.entryID)
        return try await session.transaction { session in
            var delete = PostgresStatement()
            let deleteSQL = "DELETE FROM term_embeddings WHERE model = \(delete.bind(model)) AND entry_id = ANY(\(delete.bind(ids)))"
            _ = try await session.query(delete.query(deleteSQL))
            try await session.copy(into: "term_embeddings", columns: ["entry_id", "model", "dimension", "chunk", "embedding", "source_hash"],
                                   rows: rows.count) { i, text in
                text.append(rows[i].entryID)
                text.append(model)
                text.append(dimension)
                text.append(rows[i].chunk)
                text.append(littleEndianFloats: rows[i].vector)
                text.append(rows[i].hash)
            }
            var fill = PostgresStatement()
            let fillSQL = """
                UPDATE term_embeddings t SET \(Self.senseAssignments) FROM dictionary_entries e
                WHERE e.id = t.entry_id AND t.model = \(fill.bind(model)) AND t.entry_id = ANY(\(fill.bind(ids)))
                """
            _ = try await session.query(fill.query(fillSQL))
            try await alsoInTransaction?(session)
            return rows.count
        }
    }

    /// SQLite's `SenseAttributes` assignments in PostgreSQL's JSON operators: a part of speech only from the four
    /// names, a frequency only from a JSON integer (negative ones as 0), the gloss falling back to the entry's texts.
    package static let senseAssignments = """
        part_of_speech = CASE e.definition #>> ARRAY['senses', t.chunk::text, 'pos']
            WHEN 'noun' THEN 'noun' WHEN 'verb' THEN 'verb' WHEN 'adjective' THEN 'adjective' WHEN 'adverb' THEN 'adverb' END,
        sense_frequency = CASE WHEN jsonb_typeof(e.definition #> ARRAY['senses', t.chunk::text, 'frequency']) = 'number'
                                AND (e.definition #>> ARRAY['senses', t.chunk::text, 'frequency']) ~ '^-?[0-9]{1,18}$'
            THEN greatest(0, (e.definition #>> ARRAY['senses', t.chunk::text, 'frequency'])::bigint) END,
        gloss = coalesce(e.definition #>> ARRAY['senses', t.chunk::text, 'gloss'], e.definition ->> 'concise',
                         e.definition ->> 'detailed', '')
        """

    /// How many entries there are and how many have at least one vector of `model`.
    package func coverage(model: String) async throws -> (entries: Int, covered: Int) {
        var statement = PostgresStatement()
        let sql = """
            SELECT (SELECT count(*) FROM dictionary_entries),
                   (SELECT count(DISTINCT entry_id) FROM term_embeddings WHERE model = \(statement.bind(model)))
            """
        guard let row = try await session.query(statement.query(sql)).first else { return (0, 0) }
        let (entries, covered) = try row.decode((Int, Int).self)
        return (entries, covered)
    }

    /// The model `dict embed` recorded as the schema's semantic model, if any.
    package func recordedModel() async throws -> String? {
        try await session.execute("SELECT model FROM semantic_model WHERE id = 1").first?.decode(String.self)
    }

    /// The distinct models with stored vectors, sorted: one seek per model along the `(model, id)` index.
    package func modelsWithVectors() async throws -> [String] {
        var models: [String] = []
        while true {
            var statement = PostgresStatement()
            let sql = "SELECT model FROM term_embeddings WHERE model > \(statement.bind(models.last ?? "")) ORDER BY model LIMIT 1"
            guard let next = try await session.query(statement.query(sql)).first?.decode(String.self) else { return models }
            models.append(next)
        }
    }

    /// Records `model` as the schema's semantic model.
    package func recordModel(_ model: String, dimension: Int) async throws {
        var statement = PostgresStatement()
        let sql = """
            INSERT INTO semantic_model (id, model, dimension, chosen_at) VALUES (1, \(statement.bind(model)), \(statement.bind(dimension)), dict_now_iso())
            ON CONFLICT (id) DO UPDATE SET model = EXCLUDED.model, dimension = EXCLUDED.dimension, chosen_at = EXCLUDED.chosen_at
            """
        _ = try await session.query(statement.query(sql))
    }
}
