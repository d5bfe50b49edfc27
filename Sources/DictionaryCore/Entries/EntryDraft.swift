package import DictStore

/// The writable content of an entry: what `create`, `update` and imports take. Keys (`normalized_term`,
/// `folded_term`), `overall_score`, ids, versions and timestamps are derived by the repository.
package struct EntryDraft: Codable, Hashable, Sendable {
    package var term: String
    package var lang: Language
    package var sourceLang: SourceLanguage?
    package var langConfidence: Double
    package var type: TermType
    package var definition: EntryDefinition
    package var references: [String: JSONValue]
    package var metadata: EntryMetadata
    package var qualityScore: QualityScore
    package var aiMetadata: [String: JSONValue]

    package init(
        term: String, lang: Language = .en, sourceLang: SourceLanguage? = nil, langConfidence: Double = 1,
        type: TermType, definition: EntryDefinition = EntryDefinition(), references: [String: JSONValue] = [:],
        metadata: EntryMetadata = EntryMetadata(), qualityScore: QualityScore = QualityScore(overall: 0),
        aiMetadata: [String: JSONValue] = [:]
    ) {
        self.term = term; self.lang = lang; self.sourceLang = sourceLang; self.langConfidence = langConfidence
        self.type = type; self.definition = definition; self.references = references; self.metadata = metadata
        self.qualityScore = qualityScore; self.aiMetadata = aiMetadata
    }

    /// The draft of an existing entry (to edit and pass to `update`).
    package init(_ entry: DictionaryEntry) {
        self.init(
            term: entry.term, lang: entry.lang, sourceLang: entry.sourceLang, langConfidence: entry.langConfidence,
            type: entry.type, definition: entry.definition, references: entry.references, metadata: entry.metadata,
            qualityScore: entry.qualityScore, aiMetadata: entry.aiMetadata)
    }
}
