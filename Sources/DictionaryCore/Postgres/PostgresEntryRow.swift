package import PostgresNIO

/// Reading entries from PostgreSQL's `dictionary_entries`: `EntryRow.columns` with the jsonb columns as text, decoded
/// by `EntryRow.decode(_:)` with the same checks as SQLite's rows.
package enum PostgresEntryRow {
    /// The column list (alias `e`) every entry query selects first; a query's own columns go after it.
    package static let columns = """
        e.id, e.term, e.normalized_term, e.folded_term, e.lang, e.source_lang, e.lang_confidence, e.type, e.definition::text,
        e.refs::text, e.metadata::text, e.quality_score::text, e.overall_score, e.ai_metadata::text, e.search_frequency,
        e.last_accessed, e.created_at, e.updated_at, e.version
        """

    /// How many cells `columns` takes, so a query's extra columns start here.
    package static let columnCount = 19

    /// Decodes one row whose first cells are `columns`.
    package static func decode(_ row: PostgresRow) throws -> DictionaryEntry {
        let cells = PostgresRandomAccessRow(row)
        return try EntryRow.decode(EntryRow.Values(
            id: cells[0].decode(String.self), term: cells[1].decode(String.self),
            normalizedTerm: cells[2].decode(String.self), foldedTerm: cells[3].decode(String.self),
            lang: cells[4].decode(String.self), sourceLang: cells[5].decode(String?.self),
            langConfidence: cells[6].decode(Double.self), type: cells[7].decode(String.self),
            definition: cells[8].decode(String?.self), references: cells[9].decode(String?.self),
            metadata: cells[10].decode(String?.self), qualityScore: cells[11].decode(String?.self),
            overallScore: cells[12].decode(Double.self), aiMetadata: cells[13].decode(String?.self),
            searchFrequency: cells[14].decode(Int.self), lastAccessed: cells[15].decode(String?.self),
            createdAt: cells[16].decode(String.self), updatedAt: cells[17].decode(String.self),
            version: cells[18].decode(Int.self)))
    }
}
