package import DictStore

/// The `metadata` column (§6.5). `search_frequency` and `last_accessed` live in their own columns and are merged
/// into this object when an entry is read. Unknown keys are kept in `extras`.
package struct EntryMetadata: Codable, Hashable, Sendable {
    package var searchFrequency: Int?
    package var lastAccessed: String?
    package var relatedTerms: [String]?
    package var categories: [String]?
    package var instruments: [String]?
    package var synonyms: [String]?
    package var antonyms: [String]?
    package var tags: [String]?
    package var difficultyLevel: String?
    package var historicalPeriod: String?
    package var culturalOrigin: String?
    package var translationOf: String?
    package var createdBy: String?
    /// Keys this type does not model, written back unchanged.
    package var extras: [String: JSONValue] = [:]

    /// The allowed `difficulty_level` values.
    package static let difficultyLevels: Set<String> = ["beginner", "intermediate", "advanced", "professional"]

    package init(
        relatedTerms: [String]? = nil, categories: [String]? = nil, instruments: [String]? = nil,
        synonyms: [String]? = nil, antonyms: [String]? = nil, difficultyLevel: String? = nil, translationOf: String? = nil
    ) {
        self.relatedTerms = relatedTerms; self.categories = categories; self.instruments = instruments
        self.synonyms = synonyms; self.antonyms = antonyms; self.difficultyLevel = difficultyLevel
        self.translationOf = translationOf
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case categories, instruments, synonyms, antonyms, tags
        case searchFrequency = "search_frequency"
        case lastAccessed = "last_accessed"
        case relatedTerms = "related_terms"
        case difficultyLevel = "difficulty_level"
        case historicalPeriod = "historical_period"
        case culturalOrigin = "cultural_origin"
        case translationOf = "translation_of"
        case createdBy = "created_by"
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        searchFrequency = try c.decodeIfPresent(Int.self, forKey: .searchFrequency)
        lastAccessed = try c.decodeIfPresent(String.self, forKey: .lastAccessed)
        relatedTerms = try c.decodeIfPresent([String].self, forKey: .relatedTerms)
        categories = try c.decodeIfPresent([String].self, forKey: .categories)
        instruments = try c.decodeIfPresent([String].self, forKey: .instruments)
        synonyms = try c.decodeIfPresent([String].self, forKey: .synonyms)
        antonyms = try c.decodeIfPresent([String].self, forKey: .antonyms)
        tags = try c.decodeIfPresent([String].self, forKey: .tags)
        difficultyLevel = try c.decodeIfPresent(String.self, forKey: .difficultyLevel)
        historicalPeriod = try c.decodeIfPresent(String.self, forKey: .historicalPeriod)
        culturalOrigin = try c.decodeIfPresent(String.self, forKey: .culturalOrigin)
        translationOf = try c.decodeIfPresent(String.self, forKey: .translationOf)
        createdBy = try c.decodeIfPresent(String.self, forKey: .createdBy)
        extras = try decoder.unknownKeys(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(searchFrequency, forKey: .searchFrequency)
        try c.encodeIfPresent(lastAccessed, forKey: .lastAccessed)
        try c.encodeIfPresent(relatedTerms, forKey: .relatedTerms)
        try c.encodeIfPresent(categories, forKey: .categories)
        try c.encodeIfPresent(instruments, forKey: .instruments)
        try c.encodeIfPresent(synonyms, forKey: .synonyms)
        try c.encodeIfPresent(antonyms, forKey: .antonyms)
        try c.encodeIfPresent(tags, forKey: .tags)
        try c.encodeIfPresent(difficultyLevel, forKey: .difficultyLevel)
        try c.encodeIfPresent(historicalPeriod, forKey: .historicalPeriod)
        try c.encodeIfPresent(culturalOrigin, forKey: .culturalOrigin)
        try c.encodeIfPresent(translationOf, forKey: .translationOf)
        try c.encodeIfPresent(createdBy, forKey: .createdBy)
        try encoder.encodeUnknownKeys(extras)
    }
}
