package import DictionaryCore
package import DictionaryQueues
/// What one generation produced: the validated, scored entry and the model's token counts.
package struct GenerationResult: Sendable, Equatable {
    /// The validated, scored entry.
    package var entry: GeneratedEntry
    /// From the response's `usage.prompt_tokens` (estimated as characters / 4 when the server sends none).
    package var promptTokens: Int
    /// From `usage.completion_tokens` (or the estimate).
    package var completionTokens: Int
    /// Whether the counts came from the server's `usage` field.
    package var usageReported: Bool

    /// Creates a value from its parts.
    package init(entry: GeneratedEntry, promptTokens: Int, completionTokens: Int, usageReported: Bool) {
        self.entry = entry
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.usageReported = usageReported
    }

    /// prompt + completion.
    package var totalTokens: Int { promptTokens + completionTokens }
}

/// Writes a dictionary entry for a term in one language. Implementations block until done and throw
/// `GenerationError` (or any error, classified by message) on failure.
package protocol DefinitionGenerator: Sendable {
    /// The model name metered in the token ledger.
    var modelName: String { get }
    /// Who serves the model (`ai_model_usage.model_provider`).
    var provider: ModelProvider { get }
    /// Generates, validates and scores an entry for `term` in `lang` (one of `SeedLanguages.supported`).
    func generate(term: String, lang: String) throws -> GenerationResult
    /// The most tokens `generate(term:lang:)` can be billed for: an upper bound of the prompt plus the completion
    /// cap (`max_tokens`). Workers reserve this before calling, so a day's total cannot pass its budget.
    func tokenCeiling(term: String, lang: String) -> Int
}
