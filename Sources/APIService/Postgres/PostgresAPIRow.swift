import PostgresNIO

/// The API records read from PostgreSQL rows, and the column lists that select them (jsonb columns as text, parsed
/// the way SQLite's JSON text is).
enum PostgresAPIRow {
    static let userColumns = "id, email, display_name, auth_provider, google_id, role, login_count, last_login_at, created_at, updated_at"
    static let repertoireColumns = "id, user_id, score_id, status, difficulty_rating, personal_notes, reference_links::text, created_at, updated_at"
    static let annotationColumns = "id, user_id, score_id, page_number, annotation_type, annotation_data::text, created_at, updated_at"
    static let syncColumns = "entity_type, entity_id, data::text, checksum, version, seq, deleted_at, device_id, updated_at"
    static let progressColumns = "id, user_id, goal_id, value, notes, session_id, recorded_at"

    static func user(_ row: PostgresRow) throws -> User {
        let (id, email, displayName, provider, googleID, role, loginCount, lastLogin, created, updated) =
            try row.decode((String, String, String?, String, String?, String, Int, String?, String, String).self)
        return User(id: id, email: email, displayName: displayName,
                    authProvider: try APIColumn.enumValue(provider, AuthProvider.self, column: "auth_provider", table: "users"),
                    googleID: googleID, role: try APIColumn.enumValue(role, UserRole.self, column: "role", table: "users"),
                    loginCount: loginCount, lastLoginAt: lastLogin, createdAt: created, updatedAt: updated)
    }

    static func repertoire(_ row: PostgresRow) throws -> RepertoireItem {
        let (id, userID, scoreID, status, rating, notes, links, created, updated) =
            try row.decode((String, String, String, String, Int?, String?, String, String, String).self)
        return RepertoireItem(
            id: id, userID: userID, scoreID: scoreID,
            status: try APIColumn.enumValue(status, RepertoireStatus.self, column: "status", table: "user_repertoire"),
            difficultyRating: rating, personalNotes: notes, referenceLinks: try APIColumn.links(links), createdAt: created, updatedAt: updated)
    }

    static func annotation(_ row: PostgresRow) throws -> ScoreAnnotation {
        let (id, userID, scoreID, page, type, data, created, updated) =
            try row.decode((String, String, String, Int, String, String, String, String).self)
        return ScoreAnnotation(
            id: id, userID: userID, scoreID: scoreID, pageNumber: page,
            type: try APIColumn.enumValue(type, AnnotationType.self, column: "annotation_type", table: "score_annotations"),
            data: try APIColumn.json(data, column: "annotation_data", table: "score_annotations"), createdAt: created, updatedAt: updated)
    }

    static func sync(_ row: PostgresRow) throws -> SyncRecord {
        let (type, entityID, data, checksum, version, seq, deletedAt, deviceID, updated) =
            try row.decode((String, String, String, String, Int, Int64, String?, String?, String).self)
        return SyncRecord(
            entityType: try APIColumn.enumValue(type, SyncEntityType.self, column: "entity_type", table: "sync_data"),
            entityID: entityID, data: try APIColumn.json(data, column: "data", table: "sync_data"), checksum: checksum,
            version: version, seq: seq, deletedAt: deletedAt, deviceID: deviceID, updatedAt: updated)
    }

    static func progress(_ row: PostgresRow) throws -> GoalProgress {
        let (id, userID, goalID, value, notes, sessionID, recorded) =
            try row.decode((String, String, String, Double, String?, String?, String).self)
        return GoalProgress(id: id, userID: userID, goalID: goalID, value: value, notes: notes, sessionID: sessionID, recordedAt: recorded)
    }
}
