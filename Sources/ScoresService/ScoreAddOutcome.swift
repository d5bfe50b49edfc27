/// What `addScore` did: created a new row or merged into the existing copy of the same work.
package enum ScoreAddOutcome: Sendable, Equatable {
    case created(Score)
    case merged(Score)

    /// The stored score either way.
    package var score: Score {
        switch self {
        case .created(let score), .merged(let score): score
        }
    }
}
