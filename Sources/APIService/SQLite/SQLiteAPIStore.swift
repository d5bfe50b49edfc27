package import DictStore
import GRDB

/// `APIStore` on the SQLite file `api.db`: each write one `BEGIN IMMEDIATE` transaction (which also serializes the
/// pushes of every user), each read one snapshot.
package struct SQLiteAPIStore: APIStore {
    /// The migrated API database.
    package let database: StoreDatabase

    package init(database: StoreDatabase) { self.database = database }

    // MARK: Users

    package func insertUser(_ user: User) async throws -> User {
        try database.write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE email = ? COLLATE NOCASE)", arguments: [user.email]) == true {
                throw APIError.emailTaken(email: user.email)
            }
            if let googleID = user.googleID,
               try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE google_id = ?)", arguments: [googleID]) == true {
                throw APIError.googleIDTaken(googleID: googleID)
            }
            try db.execute(sql: """
                INSERT INTO users (id, email, display_name, auth_provider, google_id, role, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [user.id, user.email, user.displayName, user.authProvider.rawValue, user.googleID, user.role.rawValue,
                                 user.createdAt, user.updatedAt])
            return try fetchUser(id: user.id, db: db) ?? user
        }
    }

    package func user(id: String) async throws -> User? {
        try database.read { db in try fetchUser(id: id, db: db) }
    }

    package func user(email: String) async throws -> User? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(SQLiteAPIRow.userColumns) FROM users WHERE email = ? COLLATE NOCASE", arguments: [email])
                .map(SQLiteAPIRow.user)
        }
    }

    package func recordLogin(userID: String, now: String) async throws -> User? {
        try database.write { db in
            try db.execute(sql: "UPDATE users SET login_count = login_count + 1, last_login_at = ?, updated_at = ? WHERE id = ?",
                           arguments: [now, now, userID])
            return db.changesCount == 1 ? try fetchUser(id: userID, db: db) : nil
        }
    }

    // MARK: Repertoire

    package func upsertRepertoire(
        newID: String, userID: String, scoreID: String, status: RepertoireStatus, difficultyRating: Int?, personalNotes: String?,
        referenceLinks: String?, now: String
    ) async throws -> RepertoireItem {
        try database.write { db in
            try requireUser(userID, db: db)
            try db.execute(sql: """
                INSERT INTO user_repertoire (id, user_id, score_id, status, difficulty_rating, personal_notes, reference_links, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, coalesce(?, '[]'), ?, ?)
                ON CONFLICT (user_id, score_id) DO UPDATE SET
                    status = excluded.status,
                    difficulty_rating = coalesce(?, difficulty_rating),
                    personal_notes = coalesce(?, personal_notes),
                    reference_links = coalesce(?, reference_links),
                    updated_at = excluded.updated_at
                """, arguments: [newID, userID, scoreID, status.rawValue, difficultyRating, personalNotes, referenceLinks, now, now,
                                 difficultyRating, personalNotes, referenceLinks])
            guard let item = try fetchRepertoire(userID: userID, scoreID: scoreID, db: db) else {
                throw APIError.repertoireNotFound(userID: userID, scoreID: scoreID)
            }
            return item
        }
    }

    package func setRepertoireStatus(userID: String, scoreID: String, status: RepertoireStatus, now: String) async throws -> RepertoireItem? {
        try database.write { db in
            try db.execute(sql: "UPDATE user_repertoire SET status = ?, updated_at = ? WHERE user_id = ? AND score_id = ?",
                           arguments: [status.rawValue, now, userID, scoreID])
            return db.changesCount == 1 ? try fetchRepertoire(userID: userID, scoreID: scoreID, db: db) : nil
        }
    }

    package func removeRepertoire(userID: String, scoreID: String) async throws -> Bool {
        try database.write { db in
            try db.execute(sql: "DELETE FROM user_repertoire WHERE user_id = ? AND score_id = ?", arguments: [userID, scoreID])
            return db.changesCount == 1
        }
    }

    package func repertoire(userID: String, status: RepertoireStatus?) async throws -> [RepertoireItem] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(SQLiteAPIRow.repertoireColumns) FROM user_repertoire
                WHERE user_id = ? AND (? IS NULL OR status = ?) ORDER BY updated_at DESC, id
                """, arguments: [userID, status?.rawValue, status?.rawValue]).map(SQLiteAPIRow.repertoire)
        }
    }

    // MARK: Annotations

    package func insertAnnotation(_ annotation: ScoreAnnotation, data: String) async throws -> ScoreAnnotation {
        try database.write { db in
            try requireUser(annotation.userID, db: db)
            try db.execute(sql: """
                INSERT INTO score_annotations (id, user_id, score_id, page_number, annotation_type, annotation_data, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [annotation.id, annotation.userID, annotation.scoreID, annotation.pageNumber, annotation.type.rawValue, data,
                                 annotation.createdAt, annotation.updatedAt])
            guard let stored = try fetchAnnotation(userID: annotation.userID, id: annotation.id, db: db) else {
                throw APIError.annotationNotFound(userID: annotation.userID, id: annotation.id)
            }
            return stored
        }
    }

    package func updateAnnotation(userID: String, id: String, data: String, now: String) async throws -> ScoreAnnotation? {
        try database.write { db in
            try db.execute(sql: "UPDATE score_annotations SET annotation_data = ?, updated_at = ? WHERE id = ? AND user_id = ?",
                           arguments: [data, now, id, userID])
            return db.changesCount == 1 ? try fetchAnnotation(userID: userID, id: id, db: db) : nil
        }
    }

    package func deleteAnnotation(userID: String, id: String) async throws -> Bool {
        try database.write { db in
            try db.execute(sql: "DELETE FROM score_annotations WHERE id = ? AND user_id = ?", arguments: [id, userID])
            return db.changesCount == 1
        }
    }

    /// Uses `idx_score_annotations_user_score`.
    package func annotations(userID: String, scoreID: String, pageNumber: Int?) async throws -> [ScoreAnnotation] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(SQLiteAPIRow.annotationColumns) FROM score_annotations
                WHERE user_id = ? AND score_id = ? AND (? IS NULL OR page_number = ?)
                ORDER BY page_number, created_at, id
                """, arguments: [userID, scoreID, pageNumber, pageNumber]).map(SQLiteAPIRow.annotation)
        }
    }

    // MARK: Inside a transaction

    func requireUser(_ userID: String, db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?)", arguments: [userID]) == true else {
            throw APIError.userNotFound(id: userID)
        }
    }

    private func fetchUser(id: String, db: Database) throws -> User? {
        try Row.fetchOne(db, sql: "SELECT \(SQLiteAPIRow.userColumns) FROM users WHERE id = ?", arguments: [id]).map(SQLiteAPIRow.user)
    }

    private func fetchRepertoire(userID: String, scoreID: String, db: Database) throws -> RepertoireItem? {
        try Row.fetchOne(db, sql: "SELECT \(SQLiteAPIRow.repertoireColumns) FROM user_repertoire WHERE user_id = ? AND score_id = ?",
                         arguments: [userID, scoreID]).map(SQLiteAPIRow.repertoire)
    }

    private func fetchAnnotation(userID: String, id: String, db: Database) throws -> ScoreAnnotation? {
        try Row.fetchOne(db, sql: "SELECT \(SQLiteAPIRow.annotationColumns) FROM score_annotations WHERE id = ? AND user_id = ?",
                         arguments: [id, userID]).map(SQLiteAPIRow.annotation)
    }
}
