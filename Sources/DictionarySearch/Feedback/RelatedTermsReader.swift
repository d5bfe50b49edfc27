package import DictStore
package import DictionaryCore
import GRDB

/// Reads `related_terms` rows with the related entries.
package struct RelatedTermsReader: Sendable {
    /// One relation of an entry.
    package struct RelatedTerm: Sendable, Hashable {
        package var entry: DictionaryEntry
        package var relationshipType: String
        package var confidenceScore: Double
    }

    package let database: StoreDatabase

    package init(database: StoreDatabase) { self.database = database }

    /// The `limit` (1…100) relations of `entryID` with the highest confidence (ties: related term A→Z).
    /// O(log n + limit) by `idx_related_terms_entry`.
    package func related(to entryID: String, limit: Int = 5) throws -> [RelatedTerm] {
        let limit = min(max(limit, 1), 100)
        return try database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(EntryRow.columns), r.relationship_type, r.confidence_score
                FROM related_terms r JOIN dictionary_entries e ON e.id = r.related_entry_id
                WHERE r.entry_id = ? ORDER BY r.confidence_score DESC, e.normalized_term ASC, e.seq ASC LIMIT ?
                """), arguments: [entryID, limit]).map { row in
                RelatedTerm(entry: try EntryRow.decode(row), relationshipType: row["relationship_type"], confidenceScore: row["confidence_score"])
            }
        }
    }
}
