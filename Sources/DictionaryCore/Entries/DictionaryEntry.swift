package import DictStore

/// One stored dictionary entry, serialized as the web client expects (§2.1, web-client-contract.md): lowercase UUID
/// `id`, `references` for the `refs` column, ISO-8601 `Z` timestamps, `search_frequency`/`last_accessed` inside
/// `metadata`. `folded_term` and `overall_score` are storage details and are not encoded.
package struct DictionaryEntry: Codable, Hashable, Sendable, Identifiable {
    package var id: String
    package var term: String
    package var normalizedTerm: String
    package var foldedTerm: String
    package var lang: Language
    package var sourceLang: SourceLanguage?
    package var langConfidence: Double
    package var type: TermType
    package var definition: EntryDefinition
    package var references: [String: JSONValue]
    package var metadata: EntryMetadata
    package var qualityScore: QualityScore
    package var overallScore: Double
    package var aiMetadata: [String: JSONValue]
    package var searchFrequency: Int
    package var lastAccessed: String?
    package var createdAt: String
    package var updatedAt: String
    package var version: Int

    enum CodingKeys: String, CodingKey {
        case id, term, lang, type, definition, references, metadata, version
        case normalizedTerm = "normalized_term"
        case sourceLang = "source_lang"
        case langConfidence = "lang_confidence"
        case qualityScore = "quality_score"
        case aiMetadata = "ai_metadata"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        term = try c.decode(String.self, forKey: .term)
        normalizedTerm = try c.decodeIfPresent(String.self, forKey: .normalizedTerm) ?? TermNormalizer.normalize(term)
        foldedTerm = TermNormalizer.fold(normalizedTerm)
        lang = try c.decode(Language.self, forKey: .lang)
        sourceLang = try c.decodeIfPresent(SourceLanguage.self, forKey: .sourceLang)
        langConfidence = try c.decodeIfPresent(Double.self, forKey: .langConfidence) ?? 1
        type = try c.decode(TermType.self, forKey: .type)
        definition = try c.decodeIfPresent(EntryDefinition.self, forKey: .definition) ?? EntryDefinition()
        references = try c.decodeIfPresent([String: JSONValue].self, forKey: .references) ?? [:]
        metadata = try c.decodeIfPresent(EntryMetadata.self, forKey: .metadata) ?? EntryMetadata()
        qualityScore = try c.decodeIfPresent(QualityScore.self, forKey: .qualityScore) ?? QualityScore(overall: 0)
        overallScore = qualityScore.overall
        aiMetadata = try c.decodeIfPresent([String: JSONValue].self, forKey: .aiMetadata) ?? [:]
        searchFrequency = metadata.searchFrequency ?? 0
        lastAccessed = metadata.lastAccessed
        // The counters are columns; the metadata copy only exists in JSON output.
        metadata.searchFrequency = nil
        metadata.lastAccessed = nil
        createdAt = try c.decode(String.self, forKey: .createdAt)
        updatedAt = try c.decode(String.self, forKey: .updatedAt)
        version = try c.decode(Int.self, forKey: .version)
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(term, forKey: .term)
        try c.encode(normalizedTerm, forKey: .normalizedTerm)
        try c.encode(lang, forKey: .lang)
        try c.encodeIfPresent(sourceLang, forKey: .sourceLang)
        try c.encode(langConfidence, forKey: .langConfidence)
        try c.encode(type, forKey: .type)
        try c.encode(definition, forKey: .definition)
        try c.encode(references, forKey: .references)
        var publicMetadata = metadata
        publicMetadata.searchFrequency = searchFrequency
        publicMetadata.lastAccessed = lastAccessed
        try c.encode(publicMetadata, forKey: .metadata)
        try c.encode(qualityScore, forKey: .qualityScore)
        try c.encode(aiMetadata, forKey: .aiMetadata)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encode(version, forKey: .version)
    }

    /// Memberwise initializer used by the repository.
    init(
        id: String, term: String, normalizedTerm: String, foldedTerm: String, lang: Language, sourceLang: SourceLanguage?,
        langConfidence: Double, type: TermType, definition: EntryDefinition, references: [String: JSONValue],
        metadata: EntryMetadata, qualityScore: QualityScore, overallScore: Double, aiMetadata: [String: JSONValue],
        searchFrequency: Int, lastAccessed: String?, createdAt: String, updatedAt: String, version: Int
    ) {
        self.id = id; self.term = term; self.normalizedTerm = normalizedTerm; self.foldedTerm = foldedTerm
        self.lang = lang; self.sourceLang = sourceLang; self.langConfidence = langConfidence; self.type = type
        self.definition = definition; self.references = references; self.metadata = metadata
        self.qualityScore = qualityScore; self.overallScore = overallScore; self.aiMetadata = aiMetadata
        self.searchFrequency = searchFrequency; self.lastAccessed = lastAccessed
        self.createdAt = createdAt; self.updatedAt = updatedAt; self.version = version
    }
}
