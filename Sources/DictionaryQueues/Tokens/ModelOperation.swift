/// What a model call was for; the raw value is `ai_model_usage.operation_type`.
package enum ModelOperation: String, Sendable, Codable, CaseIterable {
    case generation, validation, enhancement, embedding
}
