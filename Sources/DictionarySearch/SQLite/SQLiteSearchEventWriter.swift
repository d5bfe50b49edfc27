package import DictStore
import GRDB

/// `SearchEventWriter` on the SQLite dictionary database: one write transaction per batch with cached statements.
package struct SQLiteSearchEventWriter: SearchEventWriter {
    package let database: StoreDatabase

    package init(database: StoreDatabase) { self.database = database }

    package func write(_ batch: [SearchEvent]) throws {
        try database.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO search_analytics (id, term, normalized_term, search_type, result_count, found, entry_id,
                    response_time_ms, searched_at, user_session_id, user_id, search_source, search_lang, result_lang)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let bump = try db.cachedStatement(sql: """
                UPDATE dictionary_entries SET search_frequency = search_frequency + 1, last_accessed = ? WHERE id = ?
                """)
            for event in batch {
                try insert.execute(arguments: [
                    event.id, event.term, event.normalizedTerm, event.searchType.rawValue, event.resultCount,
                    event.found ? 1 : 0, event.entryID, event.responseTimeMs, event.searchedAt, event.sessionID,
                    event.userID, event.source.rawValue, event.searchLanguages, event.resultLanguage,
                ])
                if let id = event.bumpedEntryID { try bump.execute(arguments: [event.searchedAt, id]) }
            }
        }
    }
}
