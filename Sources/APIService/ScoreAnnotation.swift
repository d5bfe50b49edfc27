package import DictStore
import GRDB

/// The kinds of annotation a user draws on a score page.
package enum AnnotationType: String, Codable, Sendable, CaseIterable {
    case highlight, text, drawing
    case measureBracket = "measure_bracket"
}

/// One annotation on one page of a score.
package struct ScoreAnnotation: Codable, Sendable, Equatable, Identifiable {
    package var id: String
    package var userID: String
    package var scoreID: String
    package var pageNumber: Int
    package var type: AnnotationType
    /// The annotation's geometry and content; always a JSON object.
    package var data: JSONValue
    package var createdAt: String
    package var updatedAt: String

    static let columns = "id, user_id, score_id, page_number, annotation_type, annotation_data, created_at, updated_at"

    init(row: Row) throws {
        id = row["id"]
        userID = row["user_id"]
        scoreID = row["score_id"]
        pageNumber = row["page_number"]
        type = try row.apiEnum(AnnotationType.self, "annotation_type", table: "score_annotations")
        data = try row.apiJSON("annotation_data", table: "score_annotations")
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
    }
}
