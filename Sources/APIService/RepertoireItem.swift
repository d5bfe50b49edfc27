import DictStore
import GRDB

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

    static let columns = "id, user_id, score_id, status, difficulty_rating, personal_notes, reference_links, created_at, updated_at"

    init(row: Row) throws {
        id = row["id"]
        userID = row["user_id"]
        scoreID = row["score_id"]
        status = try row.apiEnum(RepertoireStatus.self, "status", table: "user_repertoire")
        difficultyRating = row["difficulty_rating"]
        personalNotes = row["personal_notes"]
        let links = try row.apiJSON("reference_links", table: "user_repertoire")
        guard case .array(let items) = links else {
            throw APIError.corruptRow(table: "user_repertoire", column: "reference_links", value: "not an array")
        }
        referenceLinks = items.compactMap { if case .string(let link) = $0 { link } else { nil } }
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
    }
}
