/// A collection whose JSON `score_ids` disagree with its `collection_members` rows.
package struct MembershipMismatch: Codable, Sendable, Equatable {
    package var collectionID: String
    package var jsonScoreIDs: [String]
    package var memberScoreIDs: [String]
}
