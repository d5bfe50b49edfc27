package import DictionaryCore

/// One relation of an entry (`related_terms`): the related entry, the kind of relation and its confidence.
package struct RelatedTerm: Sendable, Hashable {
    package var entry: DictionaryEntry
    package var relationshipType: String
    package var confidenceScore: Double

    package init(entry: DictionaryEntry, relationshipType: String, confidenceScore: Double) {
        self.entry = entry; self.relationshipType = relationshipType; self.confidenceScore = confidenceScore
    }
}
