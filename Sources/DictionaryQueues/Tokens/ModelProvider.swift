/// Who serves a model; the raw value is `ai_model_usage.model_provider`.
package enum ModelProvider: String, Sendable, Codable, CaseIterable {
    case cloudflare, openai, anthropic, google, local, other
}
