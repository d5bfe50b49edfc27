/// The writable content of an entry: what `create`, `update` and imports take. Keys (`normalized_term`,
/// `folded_term`), `overall_score`, ids, versions and timestamps are derived by the repository.
public struct EntryDraft: Codable, Hashable, Sendable {
    public var term: String
    public var lang: Language
    public var sourceLang: SourceLanguage?
    public var langConfidence: Double
    public var type: TermType
    public var definition: EntryDefinition
    public var references: [String: JSONValue]
    public var metadata: EntryMetadata
    public var qualityScore: QualityScore
    public var aiMetadata: [String: JSONValue]

    public init(
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
    public init(_ entry: DictionaryEntry) {
        self.init(
            term: entry.term, lang: entry.lang, sourceLang: entry.sourceLang, langConfidence: entry.langConfidence,
            type: entry.type, definition: entry.definition, references: entry.references, metadata: entry.metadata,
            qualityScore: entry.qualityScore, aiMetadata: entry.aiMetadata)
    }
}
