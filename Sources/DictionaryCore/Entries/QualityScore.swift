package import DictStore

/// The `quality_score` column (§6.4); `overall` (0–100) is mirrored into the `overall_score` column for
/// filtering and sorting. Unknown keys are kept in `extras`.
package struct QualityScore: Codable, Hashable, Sendable {
    package var overall: Double
    package var definitionClarity: Double?
    package var referenceCompleteness: Double?
    package var accuracyVerification: Double?
    package var userSatisfaction: Double?
    package var lastAICheck: String?
    package var humanVerified: Bool?
    package var improvementSuggestions: [String]?
    package var confidenceLevel: String?
    /// Keys this type does not model, written back unchanged.
    package var extras: [String: JSONValue] = [:]

    package init(
        overall: Double, definitionClarity: Double? = nil, referenceCompleteness: Double? = nil,
        accuracyVerification: Double? = nil, humanVerified: Bool? = nil, confidenceLevel: String? = nil
    ) {
        self.overall = overall; self.definitionClarity = definitionClarity
        self.referenceCompleteness = referenceCompleteness; self.accuracyVerification = accuracyVerification
        self.humanVerified = humanVerified; self.confidenceLevel = confidenceLevel
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case overall
        case definitionClarity = "definition_clarity"
        case referenceCompleteness = "reference_completeness"
        case accuracyVerification = "accuracy_verification"
        case userSatisfaction = "user_satisfaction"
        case lastAICheck = "last_ai_check"
        case humanVerified = "human_verified"
        case improvementSuggestions = "improvement_suggestions"
        case confidenceLevel = "confidence_level"
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        overall = try c.decodeIfPresent(Double.self, forKey: .overall) ?? 0
        definitionClarity = try c.decodeIfPresent(Double.self, forKey: .definitionClarity)
        referenceCompleteness = try c.decodeIfPresent(Double.self, forKey: .referenceCompleteness)
        accuracyVerification = try c.decodeIfPresent(Double.self, forKey: .accuracyVerification)
        userSatisfaction = try c.decodeIfPresent(Double.self, forKey: .userSatisfaction)
        lastAICheck = try c.decodeIfPresent(String.self, forKey: .lastAICheck)
        humanVerified = try c.decodeIfPresent(Bool.self, forKey: .humanVerified)
        improvementSuggestions = try c.decodeIfPresent([String].self, forKey: .improvementSuggestions)
        confidenceLevel = try c.decodeIfPresent(String.self, forKey: .confidenceLevel)
        extras = try decoder.unknownKeys(excluding: Set(CodingKeys.allCases.map(\.rawValue)))
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(overall, forKey: .overall)
        try c.encodeIfPresent(definitionClarity, forKey: .definitionClarity)
        try c.encodeIfPresent(referenceCompleteness, forKey: .referenceCompleteness)
        try c.encodeIfPresent(accuracyVerification, forKey: .accuracyVerification)
        try c.encodeIfPresent(userSatisfaction, forKey: .userSatisfaction)
        try c.encodeIfPresent(lastAICheck, forKey: .lastAICheck)
        try c.encodeIfPresent(humanVerified, forKey: .humanVerified)
        try c.encodeIfPresent(improvementSuggestions, forKey: .improvementSuggestions)
        try c.encodeIfPresent(confidenceLevel, forKey: .confidenceLevel)
        try encoder.encodeUnknownKeys(extras)
    }

    /// The numeric sub-scores by JSON key, for range validation.
    var numericFields: [(String, Double?)] {
        [("overall", overall), ("definition_clarity", definitionClarity),
         ("reference_completeness", referenceCompleteness), ("accuracy_verification", accuracyVerification),
         ("user_satisfaction", userSatisfaction)]
    }
}
