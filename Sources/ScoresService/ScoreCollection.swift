import GRDB

/// A row of `user_collections`: a user's collection, or a platform collection (owner `system`).
public struct ScoreCollection: Codable, Sendable, Equatable, Identifiable {
    /// Kind of collection, as stored in `collection_type`.
    public enum Kind: String, Codable, Sendable, CaseIterable { case personal, professional, platform }

    public var id: String
    public var userID: String
    public var name: String
    public var slug: String
    public var description: String?
    public var visibility: CollectionVisibility
    public var kind: Kind
    /// Member score ids in display order: the JSON column, kept equal to `collection_members`.
    public var scoreIDs: [String]
    public var createdAt: String
    public var updatedAt: String

    /// The owner of platform collections.
    public static let platformOwner = "system"

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
