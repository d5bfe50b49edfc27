extension EntryRow {
    /// The values of `columns`, JSON columns as their text.
    package struct Values: Sendable {
        package var id, term, normalizedTerm, foldedTerm, lang: String
        package var sourceLang: String?
        package var langConfidence: Double
        package var type: String
        package var definition, references, metadata, qualityScore: String?
        package var overallScore: Double
        package var aiMetadata: String?
        package var searchFrequency: Int
        package var lastAccessed: String?
        package var createdAt, updatedAt: String
        package var version: Int

        package init(
            id: String, term: String, normalizedTerm: String, foldedTerm: String, lang: String, sourceLang: String?,
            langConfidence: Double, type: String, definition: String?, references: String?, metadata: String?,
            qualityScore: String?, overallScore: Double, aiMetadata: String?, searchFrequency: Int, lastAccessed: String?,
            createdAt: String, updatedAt: String, version: Int
        ) {
            self.id = id; self.term = term; self.normalizedTerm = normalizedTerm; self.foldedTerm = foldedTerm
            self.lang = lang; self.sourceLang = sourceLang; self.langConfidence = langConfidence; self.type = type
            self.definition = definition; self.references = references; self.metadata = metadata
            self.qualityScore = qualityScore; self.overallScore = overallScore; self.aiMetadata = aiMetadata
            self.searchFrequency = searchFrequency; self.lastAccessed = lastAccessed
            self.createdAt = createdAt; self.updatedAt = updatedAt; self.version = version
        }
    }
}
