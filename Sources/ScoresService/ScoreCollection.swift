import GRDB

/// A row of `user_collections`: a user's collection, or a platform collection (owner `system`).
package struct ScoreCollection: Codable, Sendable, Equatable, Identifiable {
    /// Kind of collection, as stored in `collection_type`.
    package enum Kind: String, Codable, Sendable, CaseIterable { case personal, professional, platform }

    package var id: String
    package var userID: String
    package var name: String
    package var slug: String
    package var description: String?
    package var visibility: CollectionVisibility
    package var kind: Kind
    /// Member score ids in display order: the JSON column, kept equal to `collection_members`.
    package var scoreIDs: [String]
    package var createdAt: String
    package var updatedAt: String

    /// The owner of platform collections.
    package static let platformOwner = "system"

    static let columns = "id, user_id, name, slug, description, visibility, collection_type, score_ids, created_at, updated_at"

    init(row: Row) throws {
        id = row["id"]
        userID = row["user_id"]
        name = row["name"]
        slug = row["slug"]
        description = row["description"]
        visibility = try row.scoresEnum(CollectionVisibility.self, "visibility", table: "user_collections")
        kind = try row.scoresEnum(Kind.self, "collection_type", table: "user_collections")
        scoreIDs = try row.scoresStringArray("score_ids", table: "user_collections")
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
    }
}
