package import DictPostgres
import PostgresNIO

/// `SearchEventWriter` on PostgreSQL's `dictionary` schema, over a connection of its own that blocks the recorder's
/// thread (`PostgresBlockingConnection`): each piece of a batch is one statement inserting its events and bumping the
/// found entries (`search_frequency` by their count, `last_accessed` to their last search's time, as SQLite's
/// one-by-one updates end), and a batch of several pieces is one transaction.
package struct PostgresSearchEventWriter: SearchEventWriter {
    /// Events per statement: 14 values each stays well under PostgreSQL's 65,535 bound parameters.
    static let eventsPerStatement = 1000

    package let connection: PostgresBlockingConnection

    package init(connection: PostgresBlockingConnection) { self.connection = connection }

    package func write(_ batch: [SearchEvent]) throws {
        guard batch.count > Self.eventsPerStatement else {
            if !batch.isEmpty { try connection.query(Self.statement(batch[...])) }
            return
        }
        try connection.query("BEGIN")
        do {
            for start in stride(from: 0, to: batch.count, by: Self.eventsPerStatement) {
                try connection.query(Self.statement(batch[start..<min(batch.count, start + Self.eventsPerStatement)]))
            }
            try connection.query("COMMIT")
        } catch {
            _ = try? connection.query("ROLLBACK")
            throw error
        }
    }

    static func statement(_ events: ArraySlice<SearchEvent>) -> PostgresQuery {
        var statement = PostgresStatement()
        var rows: [String] = []
        var bumps: [String: (count: Int, at: String)] = [:]
        var bumpOrder: [String] = []
        for event in events {
            let values = [
                statement.bind(event.id), statement.bind(event.term), statement.bind(event.normalizedTerm),
                statement.bind(event.searchType.rawValue), statement.bind(event.resultCount), statement.bind(event.found ? 1 : 0),
                statement.bind(event.entryID), statement.bind(event.responseTimeMs), statement.bind(event.searchedAt),
                statement.bind(event.sessionID), statement.bind(event.userID), statement.bind(event.source.rawValue),
                statement.bind(event.searchLanguages), statement.bind(event.resultLanguage),
            ]
            rows.append("(" + values.joined(separator: ", ") + ")")
            if let id = event.bumpedEntryID {
                if bumps[id] == nil { bumpOrder.append(id) }
                bumps[id] = ((bumps[id]?.count ?? 0) + 1, event.searchedAt)
            }
        }
        let insert = """
            INSERT INTO search_analytics (id, term, normalized_term, search_type, result_count, found, entry_id,
                response_time_ms, searched_at, user_session_id, user_id, search_source, search_lang, result_lang)
            VALUES \(rows.joined(separator: ", "))
            """
        guard !bumpOrder.isEmpty else { return statement.query(insert) }
        let found = bumpOrder.map { id in
            "(\(statement.bind(id)), \(statement.bind(bumps[id]!.count))::bigint, \(statement.bind(bumps[id]!.at)))"
        }
        let sql = """
            WITH inserted AS (\(insert))
            UPDATE dictionary_entries e SET search_frequency = e.search_frequency + b.n, last_accessed = b.at
            FROM (VALUES \(found.joined(separator: ", "))) AS b(id, n, at) WHERE e.id = b.id
            """
        return statement.query(sql)
    }
}
