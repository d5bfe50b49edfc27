import GRDB

/// The API records read from SQLite rows, and the column lists that select them.
enum SQLiteAPIRow {
    static let userColumns = "id, email, display_name, auth_provider, google_id, role, login_count, last_login_at, created_at, updated_at"
    static let repertoireColumns = "id, user_id, score_id, status, difficulty_rating, personal_notes, reference_links, created_at, updated_at"
    static let annotationColumns = "id, user_id, score_id, page_number, annotation_type, annotation_data, created_at, updated_at"
    static let syncColumns = "entity_type, entity_id, data, checksum, version, seq, deleted_at, device_id, updated_at"
    static let progressColumns = "id, user_id, goal_id, value, notes, session_id, recorded_at"

    static func user(_ row: Row) throws -> User {
        User(id: row["id"], email: row["email"], displayName: row["display_name"],
             authProvider: try APIColumn.enumValue(row["auth_provider"], AuthProvider.self, column: "auth_provider", table: "users"),
             googleID: row["google_id"], role: try APIColumn.enumValue(row["role"], UserRole.self, column: "role", table: "users"),
             loginCount: row["login_count"], lastLoginAt: row["last_login_at"], createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    static func repertoire(_ row: Row) throws -> RepertoireItem {
        RepertoireItem(
            id: row["id"], userID: row["user_id"], scoreID: row["score_id"],
            status: try APIColumn.enumValue(row["status"], RepertoireStatus.self, column: "status", table: "user_repertoire"),
            difficultyRating: row["difficulty_rating"], personalNotes: row["personal_notes"],
            referenceLinks: try APIColumn.links(row["reference_links"]), createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    static func annotation(_ row: Row) throws -> ScoreAnnotation {
        ScoreAnnotation(
            id: row["id"], userID: row["user_id"], scoreID: row["score_id"], pageNumber: row["page_number"],
            type: try APIColumn.enumValue(row["annotation_type"], AnnotationType.self, column: "annotation_type", table: "score_annotations"),
            data: try APIColumn.json(row["annotation_data"], column: "annotation_data", table: "score_annotations"),
            createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    static func sync(_ row: Row) throws -> SyncRecord {
        SyncRecord(
            entityType: try APIColumn.enumValue(row["entity_type"], SyncEntityType.self, column: "entity_type", table: "sync_data"),
            entityID: row["entity_id"], data: try APIColumn.json(row["data"], column: "data", table: "sync_data"),
            checksum: row["checksum"], version: row["version"], seq: row["seq"], deletedAt: row["deleted_at"],
            deviceID: row["device_id"], updatedAt: row["updated_at"])
    }

    static func progress(_ row: Row) -> GoalProgress {
        GoalProgress(id: row["id"], userID: row["user_id"], goalID: row["goal_id"], value: row["value"], notes: row["notes"],
                     sessionID: row["session_id"], recordedAt: row["recorded_at"])
    }
}
