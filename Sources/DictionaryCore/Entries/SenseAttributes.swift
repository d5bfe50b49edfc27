package import GRDB

/// Copies each vector's sense attributes (`term_embeddings.part_of_speech`, `sense_frequency`, `gloss`) from its entry's
/// definition: chunk n embeds sense n. Every path that writes vectors calls it in the same transaction, so the
/// search index reads them with the vectors instead of parsing definitions at load time.
package enum SenseAttributes {
    /// The assignment shared by every fill (and by migrations 0009 and 0011 for older vectors).
    private static let assignments = """
        part_of_speech = CASE json_extract(e.definition, '$.senses[' || term_embeddings.chunk || '].pos')
            WHEN 'noun' THEN 'noun' WHEN 'verb' THEN 'verb' WHEN 'adjective' THEN 'adjective' WHEN 'adverb' THEN 'adverb' END,
        sense_frequency = CASE WHEN json_type(e.definition, '$.senses[' || term_embeddings.chunk || '].frequency') = 'integer'
            THEN max(0, json_extract(e.definition, '$.senses[' || term_embeddings.chunk || '].frequency')) END,
        gloss = coalesce(json_extract(e.definition, '$.senses[' || term_embeddings.chunk || '].gloss'),
            json_extract(e.definition, '$.concise'), json_extract(e.definition, '$.detailed'), '')
        """

    /// Fills the attributes of every vector of `entryID` for `model`. O(chunks).
    package static func fill(entryID: String, model: String, in db: Database) throws {
        try db.cachedStatement(sql: fillEntrySQL).execute(arguments: [entryID, model])
    }

    // Cached (run once per embedded entry): compiling the JSON expressions cost more than running them.
    private static let fillEntrySQL = """
        UPDATE term_embeddings SET \(assignments) FROM dictionary_entries e
        WHERE e.id = term_embeddings.entry_id AND term_embeddings.entry_id = ? AND term_embeddings.model = ?
        """

    /// The highest row id of `model` (0 when it has none): take it before a bulk write, then fill above it.
    package static func highWater(model: String, in db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM term_embeddings WHERE model = ?", arguments: [model]) ?? 0
    }

    /// Fills the attributes of every vector of `model` with a row id above `rowID` (the rows a bulk import just
    /// wrote; rows it overwrote in place keep the attributes of the same entry and chunk). O(new rows).
    package static func fill(model: String, rowsAbove rowID: Int64, in db: Database) throws {
        try db.execute(sql: """
            UPDATE term_embeddings SET \(assignments) FROM dictionary_entries e
            WHERE e.id = term_embeddings.entry_id AND term_embeddings.model = ? AND term_embeddings.id > ?
            """, arguments: [model, rowID])
    }
}
