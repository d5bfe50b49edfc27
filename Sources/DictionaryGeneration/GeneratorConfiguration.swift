package import DictionaryQueues
package import Foundation

/// Where the OpenAI-compatible chat-completions endpoint is and how to call it.
package struct GeneratorConfiguration: Sendable, Equatable {
    /// Environment variable holding the base URL (`{baseURL}/chat/completions` is called).
    package static let urlVariable = "DICT_GENERATOR_URL"
    /// Environment variable holding the model name.
    package static let modelVariable = "DICT_GENERATOR_MODEL"
    /// Environment variable holding the bearer token (optional: local servers often need none).
    package static let apiKeyVariable = "DICT_GENERATOR_API_KEY"

    /// e.g. `https://api.openai.com/v1` or `http://127.0.0.1:8080/v1`.
    package var baseURL: URL
    /// The model name.
    package var model: String
    /// Sent as `Authorization: Bearer …` when non-empty; never logged.
    package var apiKey: String?
    /// Recorded in `ai_model_usage.model_provider`.
    package var provider: ModelProvider
    /// Seconds to wait for the whole response (default 60).
    package var timeout: TimeInterval
    /// Sampling temperature (default 0.3, the original's).
    package var temperature: Double
    /// Completion token cap (default 800).
    package var maxTokens: Int

    /// Creates a value from its parts.
    package init(
        baseURL: URL, model: String, apiKey: String? = nil, provider: ModelProvider = .other, timeout: TimeInterval = 60,
        temperature: Double = 0.3, maxTokens: Int = 800
    ) {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.provider = provider
        self.timeout = timeout
        self.temperature = temperature
        self.maxTokens = maxTokens
    }

    /// The chat-completions endpoint.
    package var endpoint: URL { baseURL.appendingPathComponent("chat/completions") }
}
