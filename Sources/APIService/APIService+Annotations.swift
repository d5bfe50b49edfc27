package import DictStore
import GRDB

extension APIService {
    /// Largest canonical annotation accepted, in bytes.
    package static let maximumAnnotationBytes = 256 * 1024

    /// Adds an annotation to page `pageNumber` (1-based) of a score; `data` must be a JSON object.
    package func addAnnotation(userID: String, scoreID: String, pageNumber: Int, type: AnnotationType, data: JSONValue) throws -> ScoreAnnotation {
        let scoreID = try Self.requireText(scoreID, field: "score_id")
        guard pageNumber >= 1 else { throw APIError.invalidInput(field: "page_number", reason: "\(pageNumber) is below 1") }
        let text = try Self.annotationText(data)
        return try database.write { db in
            try requireUser(userID, db: db)
            let id = Self.newID()
            let now = Timestamp.now()
            try db.execute(sql: """
                INSERT INTO score_annotations (id, user_id, score_id, page_number, annotation_type, annotation_data, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, userID, scoreID, pageNumber, type.rawValue, text, now, now])
            return try fetchAnnotation(userID: userID, id: id, db: db)
        }
    }

    /// Replaces an annotation's data.
    package func updateAnnotation(userID: String, id: String, data: JSONValue) throws -> ScoreAnnotation {
        let text = try Self.annotationText(data)
        return try database.write { db in
            try db.execute(sql: "UPDATE score_annotations SET annotation_data = ?, updated_at = ? WHERE id = ? AND user_id = ?",
                           arguments: [text, Timestamp.now(), id, userID])
            guard db.changesCount == 1 else { throw APIError.annotationNotFound(userID: userID, id: id) }
            return try fetchAnnotation(userID: userID, id: id, db: db)
        }
    }

    /// Deletes an annotation.
    package func deleteAnnotation(userID: String, id: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM score_annotations WHERE id = ? AND user_id = ?", arguments: [id, userID])
            guard db.changesCount == 1 else { throw APIError.annotationNotFound(userID: userID, id: id) }
        }
    }

    /// The user's annotations on a score (or one page of it), by page then creation time; uses
    /// `idx_score_annotations_user_score`.
    package func annotations(userID: String, scoreID: String, pageNumber: Int? = nil) throws -> [ScoreAnnotation] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(ScoreAnnotation.columns) FROM score_annotations
                WHERE user_id = ? AND score_id = ? AND (? IS NULL OR page_number = ?)
                ORDER BY page_number, created_at, id
                """, arguments: [userID, scoreID, pageNumber, pageNumber]).map(ScoreAnnotation.init(row:))
        }
    }

    private static func annotationText(_ data: JSONValue) throws -> String {
        guard case .object = data else { throw APIError.invalidJSON(reason: "annotation data must be an object") }
        let text = try data.apiCanonicalText()
        guard text.utf8.count <= maximumAnnotationBytes else {
            throw APIError.invalidJSON(reason: "annotation is \(text.utf8.count) bytes, at most \(maximumAnnotationBytes)")
        }
        return text
    }

    private func fetchAnnotation(userID: String, id: String, db: Database) throws -> ScoreAnnotation {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(ScoreAnnotation.columns) FROM score_annotations WHERE id = ? AND user_id = ?",
                                         arguments: [id, userID]) else {
            throw APIError.annotationNotFound(userID: userID, id: id)
        }
        return try ScoreAnnotation(row: row)
    }
}
