import DictionaryCore
import DictionarySearch

/// `{entry, relationship_type, confidence_score}`: one related term as the original returned it.
struct RelatedTermPayload: Encodable, Sendable {
    let entry: DictionaryEntry
    let relationshipType: String
    let confidenceScore: Double

    enum CodingKeys: String, CodingKey {
        case entry
        case relationshipType = "relationship_type"
        case confidenceScore = "confidence_score"
    }

    init(_ related: RelatedTerm) {
        entry = related.entry
        relationshipType = related.relationshipType
        confidenceScore = related.confidenceScore
    }
}

/// `data` of a found term: `{entry, related_terms (≤5), cache_hit}` (`cache_hit` is true when the answer came from
/// the server's response cache; the original always sent false).
struct EntryLookupPayload: Encodable, Sendable {
    let entry: DictionaryEntry
    let relatedTerms: [RelatedTermPayload]
    var cacheHit = false

    enum CodingKeys: String, CodingKey {
        case entry
        case relatedTerms = "related_terms"
        case cacheHit = "cache_hit"
    }
}

/// `data` of `/terms/{term}/languages`: the term in each requested language that has it.
struct LanguageMapPayload: Encodable, Sendable {
    let term: String
    let normalizedTerm: String
    let languages: [String: DictionaryEntry]

    enum CodingKeys: String, CodingKey {
        case term, languages
        case normalizedTerm = "normalized_term"
    }
}
