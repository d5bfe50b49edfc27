/// USD per million tokens by model name, used for `ai_model_usage.cost_usd = total_tokens × price / 1e6`.
/// Defaults are the original's Cloudflare prices (llama-3.1-8b 0.04, llama-3.2-3b 0.049, llama-3.3-70b 0.293);
/// unknown models, including local embedding models, cost 0.
package struct TokenPriceTable: Sendable, Equatable {
    /// Price per million tokens, by model name.
    package var pricePerMillion: [String: Double]

    /// The original service's prices.
    package static let originalDefaults: [String: Double] = [
        "@cf/meta/llama-3.1-8b-instruct": 0.04,
        "@cf/meta/llama-3.2-3b-instruct": 0.049,
        "@cf/meta/llama-3.3-70b-instruct-fp8-fast": 0.293,
    ]

    /// Creates a value from its parts.
    package init(pricePerMillion: [String: Double] = TokenPriceTable.originalDefaults) {
        self.pricePerMillion = pricePerMillion
    }

    /// The cost of `totalTokens` tokens of `model` in USD (0 for unknown models or non-finite/negative prices).
    package func cost(model: String, totalTokens: Int) -> Double {
        guard let price = pricePerMillion[model], price.isFinite, price > 0, totalTokens > 0 else { return 0 }
        return Double(totalTokens) * price / 1_000_000
    }
}
