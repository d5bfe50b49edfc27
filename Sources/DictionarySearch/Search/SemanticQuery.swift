package import DictVectors

/// A query's embedding for the semantic leg: the model's vector and, for an English query when the model has an
/// English companion (`SemanticCompanion`), the companion model's vector of the same text.
package struct SemanticQuery: Sendable {
    package var vector: UnitVector
    package var companion: UnitVector?

    package init(vector: UnitVector, companion: UnitVector? = nil) {
        self.vector = vector; self.companion = companion
    }
}
