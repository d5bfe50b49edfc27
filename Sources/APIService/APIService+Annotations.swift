package import DictStore

extension APIService {
    /// Largest canonical annotation accepted, in bytes.
    package static let maximumAnnotationBytes = 256 * 1024

    /// Adds an annotation to page `pageNumber` (1-based) of a score; `data` must be a JSON object.
    package func addAnnotation(userID: String, scoreID: String, pageNumber: Int, type: AnnotationType, data: JSONValue) async throws -> ScoreAnnotation {
        let scoreID = try Self.requireText(scoreID, field: "score_id")
        guard pageNumber >= 1 else { throw APIError.invalidInput(field: "page_number", reason: "\(pageNumber) is below 1") }
        let text = try Self.annotationText(data)
        let now = Timestamp.now()
        return try await store.insertAnnotation(
            ScoreAnnotation(id: Self.newID(), userID: userID, scoreID: scoreID, pageNumber: pageNumber, type: type, data: data,
                            createdAt: now, updatedAt: now),
            data: text)
    }

    /// Replaces an annotation's data.
    package func updateAnnotation(userID: String, id: String, data: JSONValue) async throws -> ScoreAnnotation {
        let text = try Self.annotationText(data)
        guard let annotation = try await store.updateAnnotation(userID: userID, id: id, data: text, now: Timestamp.now()) else {
            throw APIError.annotationNotFound(userID: userID, id: id)
        }
        return annotation
    }

    /// Deletes an annotation.
    package func deleteAnnotation(userID: String, id: String) async throws {
        guard try await store.deleteAnnotation(userID: userID, id: id) else { throw APIError.annotationNotFound(userID: userID, id: id) }
    }

    /// The user's annotations on a score (or one page of it), by page then creation time.
    package func annotations(userID: String, scoreID: String, pageNumber: Int? = nil) async throws -> [ScoreAnnotation] {
        try await store.annotations(userID: userID, scoreID: scoreID, pageNumber: pageNumber)
    }

    private static func annotationText(_ data: JSONValue) throws -> String {
        guard case .object = data else { throw APIError.invalidJSON(reason: "annotation data must be an object") }
        let text = try data.apiCanonicalText()
        guard text.utf8.count <= maximumAnnotationBytes else {
            throw APIError.invalidJSON(reason: "annotation is \(text.utf8.count) bytes, at most \(maximumAnnotationBytes)")
        }
        return text
    }
}
