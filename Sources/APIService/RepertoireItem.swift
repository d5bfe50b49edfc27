import GRDB

/// Where a piece stands in a user's repertoire.
public enum RepertoireStatus: String, Codable, Sendable, CaseIterable {
    case planned, learning, polished, dropped
}

/// One row of `user_repertoire`: a score (by id, from the scores service) in a user's repertoire.
public struct RepertoireItem: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var userID: String
    public var scoreID: String
    public var status: RepertoireStatus
    /// The user's own rating, 1...5.
    public var difficultyRating: Int?
    public var personalNotes: String?
    public var referenceLinks: [String]
    public var createdAt: String
    public var updatedAt: String

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
