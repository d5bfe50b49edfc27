import DictStore

/// Where a piece stands in a user's repertoire.
package enum RepertoireStatus: String, Codable, Sendable, CaseIterable {
    case planned, learning, polished, dropped
}

/// One row of `user_repertoire`: a score (by id, from the scores service) in a user's repertoire.
package struct RepertoireItem: Codable, Sendable, Equatable, Identifiable {
    package var id: String
    package var userID: String
    package var scoreID: String
    package var status: RepertoireStatus
    /// The user's own rating, 1...5.
    package var difficultyRating: Int?
    package var personalNotes: String?
    package var referenceLinks: [String]
    package var createdAt: String
    package var updatedAt: String
}
