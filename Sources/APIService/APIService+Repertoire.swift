import DictStore
import Foundation
import GRDB

extension APIService {
    /// Adds a score to the user's repertoire or updates the existing item (unique per user and score).
    /// Nil fields keep their stored values on update.
    package func upsertRepertoire(
        userID: String, scoreID: String, status: RepertoireStatus = .planned, difficultyRating: Int? = nil,
        personalNotes: String? = nil, referenceLinks: [String]? = nil
    ) throws -> RepertoireItem {
        let scoreID = try Self.requireText(scoreID, field: "score_id")
        if let difficultyRating, !(1...5).contains(difficultyRating) {
            throw APIError.invalidInput(field: "difficulty_rating", reason: "\(difficultyRating) is outside 1...5")
        }
        let notes = try Self.optionalText(personalNotes, field: "personal_notes", maximumLength: 10_000)
        let links = try referenceLinks.map { links in
            try JSONValue.array(links.map { .string(try Self.requireText($0, field: "reference_link", maximumLength: 2_000)) }).apiCanonicalText()
        }
        return try database.write { db in
            try requireUser(userID, db: db)
            let now = Timestamp.now()
            try db.execute(sql: """
                INSERT INTO user_repertoire (id, user_id, score_id, status, difficulty_rating, personal_notes, reference_links, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, coalesce(?, '[]'), ?, ?)
                ON CONFLICT (user_id, score_id) DO UPDATE SET
                    status = excluded.status,
                    difficulty_rating = coalesce(?, difficulty_rating),
                    personal_notes = coalesce(?, personal_notes),
                    reference_links = coalesce(?, reference_links),
                    updated_at = excluded.updated_at
                """, arguments: [Self.newID(), userID, scoreID, status.rawValue, difficultyRating, notes, links, now, now,
                                 difficultyRating, notes, links])
            return try fetchRepertoire(userID: userID, scoreID: scoreID, db: db)
        }
    }

    /// Changes the status of an existing repertoire item.
    package func setRepertoireStatus(userID: String, scoreID: String, status: RepertoireStatus) throws -> RepertoireItem {
        try database.write { db in
            try db.execute(sql: "UPDATE user_repertoire SET status = ?, updated_at = ? WHERE user_id = ? AND score_id = ?",
                           arguments: [status.rawValue, Timestamp.now(), userID, scoreID])
            guard db.changesCount == 1 else { throw APIError.repertoireNotFound(userID: userID, scoreID: scoreID) }
            return try fetchRepertoire(userID: userID, scoreID: scoreID, db: db)
        }
    }

    /// Removes a score from the user's repertoire.
    package func removeRepertoire(userID: String, scoreID: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM user_repertoire WHERE user_id = ? AND score_id = ?", arguments: [userID, scoreID])
            guard db.changesCount == 1 else { throw APIError.repertoireNotFound(userID: userID, scoreID: scoreID) }
        }
    }

    /// The user's repertoire, optionally of one status, most recently changed first.
    package func repertoire(userID: String, status: RepertoireStatus? = nil) throws -> [RepertoireItem] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(RepertoireItem.columns) FROM user_repertoire
                WHERE user_id = ? AND (? IS NULL OR status = ?) ORDER BY updated_at DESC, id
                """, arguments: [userID, status?.rawValue, status?.rawValue]).map(RepertoireItem.init(row:))
        }
    }

    private func fetchRepertoire(userID: String, scoreID: String, db: Database) throws -> RepertoireItem {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(RepertoireItem.columns) FROM user_repertoire WHERE user_id = ? AND score_id = ?",
                                         arguments: [userID, scoreID]) else {
            throw APIError.repertoireNotFound(userID: userID, scoreID: scoreID)
        }
        return try RepertoireItem(row: row)
    }
}
