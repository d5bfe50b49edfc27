/// Scores that normalize to the same id: the first is the oldest.
public struct DuplicateGroup: Codable, Sendable, Equatable {
    public var normalizedID: String
    public var scores: [Score]
}
