/// How the semantic leg scans the vector index.
///
/// - `exact`: float32 cosine over every vector (OpenBLAS `sgemv` tiles): exact top-k, one read of n·d·4 bytes.
/// - `int8`: an int8 copy (a quarter of the bytes, AVX2 multiply-adds) ranks a shortlist of `rerankFactor × k`
///   entries, whose float32 cosines are then computed exactly; the returned similarities are exact, and the top-k
///   set matches the exact scan's unless a true neighbour's int8 score fell outside the shortlist (recall is
///   reported by `dict bench search`). Costs n·(d + 4) more bytes of memory.
/// - `automatic` (default): `int8` from `automaticThreshold` vectors on, where the scan's memory traffic dominates
///   a query, `exact` below. `DICT_VECTOR_SCAN=exact|int8|automatic` overrides it.
package enum VectorScan: String, Sendable, CaseIterable {
    case exact, int8, automatic

    /// Vectors from which `automatic` chooses `int8`.
    package static let automaticThreshold = 50_000
    /// Shortlist size over k for the int8 scan.
    package static let rerankFactor = 4

    /// The scan named by `DICT_VECTOR_SCAN`, else `automatic`.
    package static func fromEnvironment(_ environment: [String: String]) -> VectorScan {
        environment["DICT_VECTOR_SCAN"].flatMap { VectorScan(rawValue: $0.lowercased()) } ?? .automatic
    }

    /// Whether an index of `rows` vectors keeps the int8 copy.
    func quantizes(rows: Int) -> Bool {
        switch self {
        case .exact: false
        case .int8: true
        case .automatic: rows >= Self.automaticThreshold
        }
    }
}
