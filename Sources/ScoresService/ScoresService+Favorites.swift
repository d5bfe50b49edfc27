import Foundation
import DictStore
import GRDB

extension ScoresService {
    /// Marks a score as a user's favourite; returns false when it already was.
    @discardableResult
    package func addFavorite(userID: String, scoreID: String) throws -> Bool {
        let userID = try Self.requireText(userID, field: "user_id")
        return try database.write { db in
            _ = try fetchScore(id: scoreID, db: db)
            try db.execute(sql: """
                INSERT INTO user_score_favorites (id, user_id, score_id, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id, score_id) DO NOTHING
                """, arguments: [Self.newID(), userID, scoreID, Timestamp.now()])
            return db.changesCount == 1
        }
    }

    /// Removes a favourite; returns false when it was not one.
    @discardableResult
    package func removeFavorite(userID: String, scoreID: String) throws -> Bool {
        try database.write { db in
            try db.execute(sql: "DELETE FROM user_score_favorites WHERE user_id = ? AND score_id = ?", arguments: [userID, scoreID])
            return db.changesCount == 1
        }
    }

    /// Which of `scoreIDs` the user has marked (batch check, one query).
    package func favoriteIDs(userID: String, among scoreIDs: [String]) throws -> Set<String> {
        guard !scoreIDs.isEmpty else { return [] }
        return try database.read { db in
            let wanted = Set(scoreIDs)
            let rows = try String.fetchAll(db, sql: "SELECT score_id FROM user_score_favorites WHERE user_id = ?", arguments: [userID])
            return Set(rows).intersection(wanted)
        }
    }

    /// The user's favourite scores, most recently added first.
    package func favorites(userID: String) throws -> [Score] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Score.columns.split(separator: ",").map { "s." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
                FROM user_score_favorites AS f JOIN scores AS s ON s.id = f.score_id
                WHERE f.user_id = ? ORDER BY f.created_at DESC, f.id
                """, arguments: [userID]).map(Score.init(row:))
        }
    }
}
