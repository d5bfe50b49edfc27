/// One model call to record in `ai_model_usage`.
public struct ModelCall: Sendable, Equatable {
    /// The model name.
    public var model: String
    /// Who serves the model.
    public var provider: ModelProvider
    /// What the call was for.
    public var operation: ModelOperation
    /// Tokens of the prompt.
    public var promptTokens: Int
    /// Tokens of the completion.
    public var completionTokens: Int
    /// Wall time of the call.
    public var latencyMilliseconds: Double
    /// Whether the call produced a usable answer.
    public var success: Bool
    /// The last failure's message.
    public var errorMessage: String?
    /// The dictionary entry.
    public var entryID: String?

    /// prompt + completion.
    public var totalTokens: Int { promptTokens + completionTokens }

    /// Creates a value from its parts.
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
