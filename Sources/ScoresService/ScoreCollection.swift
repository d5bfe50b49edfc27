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
}
