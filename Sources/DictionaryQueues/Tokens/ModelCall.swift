/// One model call to record in `ai_model_usage`.
package struct ModelCall: Sendable, Equatable {
    /// The model name.
    package var model: String
    /// Who serves the model.
    package var provider: ModelProvider
    /// What the call was for.
    package var operation: ModelOperation
    /// Tokens of the prompt.
    package var promptTokens: Int
    /// Tokens of the completion.
    package var completionTokens: Int
    /// Wall time of the call.
    package var latencyMilliseconds: Double
    /// Whether the call produced a usable answer.
    package var success: Bool
    /// The last failure's message.
    package var errorMessage: String?
    /// The dictionary entry.
    package var entryID: String?

    /// prompt + completion.
    package var totalTokens: Int { promptTokens + completionTokens }

    /// Creates a value from its parts.
    package init(
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
