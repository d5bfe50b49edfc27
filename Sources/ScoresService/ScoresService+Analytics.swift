import Foundation
import DictStore
import GRDB

extension ScoresService {
    /// Adds one to a counter of a score. A single upsert statement (`count = count + 1` inside SQLite), so
    /// concurrent increments from any number of connections or processes never lose an update.
    package func increment(_ counter: ScoreCounter, scoreID: String) throws {
        let column = counter.column
        let now = Timestamp.now()
        let lastViewed = counter == .view ? now : nil
        try database.write { db in
            do {
                try db.execute(sql: """
                    INSERT INTO score_analytics (score_id, \(column), last_viewed_at, updated_at) VALUES (?, 1, ?, ?)
                    ON CONFLICT (score_id) DO UPDATE SET
                        \(column) = \(column) + 1,
                        last_viewed_at = coalesce(excluded.last_viewed_at, last_viewed_at),
                        updated_at = excluded.updated_at
                    """, arguments: [scoreID, lastViewed, now])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
                throw ScoresError.scoreNotFound(id: scoreID)
            }
        }
    }

    /// The counters of a score (zeros for a score that was never counted).
    package func analytics(scoreID: String) throws -> ScoreAnalytics {
        try database.read { db in
            _ = try fetchScore(id: scoreID, db: db)
            let row = try Row.fetchOne(db, sql: """
                SELECT ? AS score_id, coalesce(a.view_count, 0) AS view_count, coalesce(a.download_count, 0) AS download_count,
                       coalesce(a.render_count, 0) AS render_count, a.last_viewed_at
                FROM (SELECT 1) LEFT JOIN score_analytics AS a ON a.score_id = ?
                """, arguments: [scoreID, scoreID])
            guard let row else { throw ScoresError.scoreNotFound(id: scoreID) }
            return ScoreAnalytics(row: row)
        }
    }

    /// The most viewed public scores, most views first (ties by title). O(n log n) over analytics rows.
    package func popular(limit: Int = 20) throws -> [Score] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Score.columns.split(separator: ",").map { "s." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
                FROM scores AS s JOIN score_analytics AS a ON a.score_id = s.id
                WHERE s.visibility = 'public'
                ORDER BY a.view_count DESC, s.title, s.id LIMIT ?
                """, arguments: [min(max(limit, 1), 200)]).map(Score.init(row:))
        }
    }
}
