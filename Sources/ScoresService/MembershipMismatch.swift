/// A collection whose JSON `score_ids` disagree with its `collection_members` rows.
public struct MembershipMismatch: Codable, Sendable, Equatable {
    public var collectionID: String
    public var jsonScoreIDs: [String]
    public var memberScoreIDs: [String]
}
