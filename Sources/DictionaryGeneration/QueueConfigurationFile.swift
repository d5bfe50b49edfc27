import DictionaryQueues
/// The JSON file's shape (snake_case keys as written by people).
struct QueueConfigurationFile: Decodable {
    struct Generator: Decodable {
        var url: String?
        var model: String?
        var api_key: String?
        var provider: String?
        var timeout_seconds: Double?
        var temperature: Double?
        var max_tokens: Int?
    }

    /// A model limit: a token count or the string "unlimited".
    struct Limit: Decodable {
        var limit: TokenBudget.DailyLimit

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let tokens = try? container.decode(Int.self), tokens >= 0 {
                limit = .tokens(tokens)
            } else if let text = try? container.decode(String.self), text == "unlimited" {
                limit = .unlimited
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a token count ≥ 0 or \"unlimited\"")
            }
        }
    }

    struct Budget: Decodable {
        var default_daily_tokens: Int?
        var models: [String: Limit]?
    }

    struct Retry: Decodable {
        var max_attempts: Int?
        var base_seconds: Double?
        var cap_seconds: Double?
    }

    struct Seed: Decodable {
        var quality_threshold: Double?
        var batch_size: Int?
        var lease_seconds: Double?
        var embedding_model: String?
    }

    struct Retention: Decodable {
        var completed_item_days: Int?
        var dead_letter_days: Int?
        var token_usage_days: Int?
    }

    var generator: Generator?
    var budget: Budget?
    var prices_per_million: [String: Double]?
    var retry: Retry?
    var seed: Seed?
    var retention: Retention?
    var poll_seconds: Double?
}
