/// Scores that normalize to the same id: the first is the oldest.
package struct DuplicateGroup: Codable, Sendable, Equatable {
    package var normalizedID: String
    package var scores: [Score]
}
