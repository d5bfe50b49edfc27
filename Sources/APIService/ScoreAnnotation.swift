package import DictStore

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
}
