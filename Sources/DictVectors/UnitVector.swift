/// A query vector checked once (length, finite components, non-zero norm) and scaled to unit length once. The
/// index's search entry points take it as it is; the `[Float]` overloads build one first. The search service makes
/// it right after embedding the query, so no later stage checks or normalizes again.
package struct UnitVector: Sendable, Equatable {
    /// The unit-length components.
    package let components: [Float]

    /// `vector` checked against `dimension` and scaled to unit length.
    /// - Throws: `VectorError.dimensionMismatch`, `.nonFiniteComponent` or `.zeroVector`.
    package init(normalizing vector: [Float], dimension: Int) throws {
        components = try VectorMath.normalized(vector, dimension: dimension)
    }

    /// The number of components.
    package var dimension: Int { components.count }
}
