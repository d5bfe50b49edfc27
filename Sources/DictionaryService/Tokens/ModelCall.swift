/// Who serves a model; the raw value is `ai_model_usage.model_provider`.
public enum ModelProvider: String, Sendable, Codable, CaseIterable {
    case cloudflare, openai, anthropic, google, local, other
}

/// What a model call was for; the raw value is `ai_model_usage.operation_type`.
public enum ModelOperation: String, Sendable, Codable, CaseIterable {
    case generation, validation, enhancement, embedding
}

/// One model call to record in `ai_model_usage`.
public struct ModelCall: Sendable, Equatable {
    public var model: String
    public var provider: ModelProvider
    public var operation: ModelOperation
    public var promptTokens: Int
    public var completionTokens: Int
    public var latencyMilliseconds: Double
    public var success: Bool
    public var errorMessage: String?
    public var entryID: String?

    /// prompt + completion.
    public var totalTokens: Int { promptTokens + completionTokens }

    public init(
        model: String, provider: ModelProvider, operation: ModelOperation, promptTokens: Int, completionTokens: Int,
        latencyMilliseconds: Double, success: Bool, errorMessage: String? = nil, entryID: String? = nil
    ) {
        self.model = model
        self.provider = provider
        self.operation = operation
        self.promptTokens = max(0, promptTokens)
        self.completionTokens = max(0, completionTokens)
        self.latencyMilliseconds = latencyMilliseconds.isFinite ? max(0, latencyMilliseconds) : 0
        self.success = success
        self.errorMessage = errorMessage
        self.entryID = entryID
    }
}
