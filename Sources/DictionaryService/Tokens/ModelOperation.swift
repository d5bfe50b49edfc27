/// What a model call was for; the raw value is `ai_model_usage.operation_type`.
public enum ModelOperation: String, Sendable, Codable, CaseIterable {
    case generation, validation, enhancement, embedding
}
