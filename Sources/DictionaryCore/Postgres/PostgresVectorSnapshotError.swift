/// A snapshot was asked for another dimension than the one it was loaded with, or for vectors it has released.
package enum PostgresVectorSnapshotError: Error, Equatable, CustomStringConvertible {
    case dimensionChanged(loaded: Int, asked: Int)
    case vectorsReleased

    package var description: String {
        switch self {
        case .dimensionChanged(let loaded, let asked):
            "the PostgreSQL vector snapshot was loaded with dimension \(loaded), asked for \(asked)"
        case .vectorsReleased:
            "the PostgreSQL vector snapshot released its vectors once the index held them: take a new snapshot to read vectors"
        }
    }
}
