/// A snapshot was asked for another dimension than the one it was loaded with.
package enum PostgresVectorSnapshotError: Error, Equatable, CustomStringConvertible {
    case dimensionChanged(loaded: Int, asked: Int)

    package var description: String {
        switch self {
        case .dimensionChanged(let loaded, let asked):
            "the PostgreSQL vector snapshot was loaded with dimension \(loaded), asked for \(asked)"
        }
    }
}
