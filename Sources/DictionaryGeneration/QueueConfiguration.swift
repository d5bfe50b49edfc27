import DictionaryCore
package import DictionaryQueues
package import Foundation

/// Everything the seed and embedding workers need, built in one place: documented defaults, then the JSON
/// configuration file, then the environment, then command-line flags (`QueueConfiguration.Overrides`).
///
/// File (`<data-dir>/queue.json` or `--config`), every key optional:
/// ```json
/// {"generator": {"url": "http://127.0.0.1:8080/v1", "model": "llama-3.1-8b", "api_key": "…", "provider": "other",
///                "timeout_seconds": 60, "temperature": 0.3, "max_tokens": 800},
///  "budget": {"default_daily_tokens": 4500, "models": {"some-model": 1000, "all-MiniLM-L6-v2": "unlimited"}},
///  "prices_per_million": {"llama-3.1-8b": 0.04},
///  "retry": {"max_attempts": 3, "base_seconds": 5, "cap_seconds": 300},
///  "seed": {"quality_threshold": 85, "batch_size": 5, "lease_seconds": 300, "embedding_model": "all-MiniLM-L6-v2"},
///  "retention": {"completed_item_days": 7, "dead_letter_days": 30, "token_usage_days": 30},
///  "poll_seconds": 5}
/// ```
/// Environment: `DICT_GENERATOR_URL`, `DICT_GENERATOR_MODEL`, `DICT_GENERATOR_API_KEY`, `DICT_GENERATOR_TIMEOUT`,
/// `DICT_DAILY_TOKEN_BUDGET`, `DICT_QUALITY_THRESHOLD`, `DICT_EMBEDDING_MODEL`.
package struct QueueConfiguration: Sendable, Equatable {
    /// The default configuration file name inside the data directory.
    package static let fileName = "queue.json"
    /// The default embedding model (the project's reference encoder); metered but unlimited by default.
    package static let defaultEmbeddingModel = "all-MiniLM-L6-v2"

    /// nil when no URL or model is configured: seeding then refuses to run.
    package var generator: GeneratorConfiguration?
    /// Daily token limits.
    package var budget = TokenBudget()
    /// Prices for cost.
    package var prices = TokenPriceTable()
    /// Attempts and backoff.
    package var retryPolicy = RetryPolicy()
    /// Seed-processing settings.
    package var seed = SeedProcessorSettings()
    /// How long finished rows are kept.
    package var retention = RetentionPolicy()
    /// Seconds a `--watch` worker sleeps when the queue is empty.
    package var pollInterval: TimeInterval = 5

    /// Creates a value from its parts.
    package init() {
        seed.embeddingModel = Self.defaultEmbeddingModel
        // Local models cost nothing per token: metered, never limited (a configuration file may still set a limit).
        for model in SemanticModel.allCases { budget.perModel[model.rawValue] = .unlimited }
    }

    /// Command-line values, applied last.
    package struct Overrides: Sendable, Equatable {
        /// `--batch-size`.
        package var batchSize: Int?
        /// `--lease-seconds`.
        package var leaseSeconds: Double?
        /// `--poll-seconds`.
        package var pollSeconds: Double?
        /// `--timeout-seconds`.
        package var timeoutSeconds: Double?
        /// Quality threshold override.
        package var qualityThreshold: Double?
        /// `--max-attempts`.
        package var maxAttempts: Int?
        /// `--retry-base-seconds`.
        package var retryBaseSeconds: Double?

        /// The documented defaults.
        package init() {}
    }

    /// Builds the configuration: defaults, then `file` (skipped when absent), then `environment`, then `overrides`.
    package static func load(
        file: URL?, environment: [String: String] = ProcessInfo.processInfo.environment, overrides: Overrides = Overrides()
    ) throws -> QueueConfiguration {
        var configuration = QueueConfiguration()
        var generatorURL: String?
        var generatorModel: String?
        var generatorKey: String?
        var provider = ModelProvider.other
        var timeout: TimeInterval = 60
        var temperature = 0.3
        var maxTokens = 800

        if let file, FileManager.default.fileExists(atPath: file.path) {
            let contents: QueueConfigurationFile
            do {
                contents = try JSONDecoder().decode(QueueConfigurationFile.self, from: Data(contentsOf: file))
            } catch {
                throw QueueConfigurationError.unreadableFile(path: file.path, reason: String(describing: error))
            }
            if let g = contents.generator {
                generatorURL = g.url ?? generatorURL
                generatorModel = g.model ?? generatorModel
                generatorKey = g.api_key ?? generatorKey
                if let name = g.provider {
                    guard let value = ModelProvider(rawValue: name) else {
                        throw QueueConfigurationError.invalidValue(setting: "generator.provider", value: name,
                                                                   expected: ModelProvider.allCases.map(\.rawValue).joined(separator: "|"))
                    }
                    provider = value
                }
                timeout = g.timeout_seconds ?? timeout
                temperature = g.temperature ?? temperature
                maxTokens = g.max_tokens ?? maxTokens
            }
            if let b = contents.budget {
                if let tokens = b.default_daily_tokens { configuration.budget.defaultLimit = .tokens(try nonNegative(tokens, "budget.default_daily_tokens")) }
                for (model, limit) in b.models ?? [:] { configuration.budget.perModel[model] = limit.limit }
            }
            for (model, price) in contents.prices_per_million ?? [:] {
                guard price.isFinite, price >= 0 else {
                    throw QueueConfigurationError.invalidValue(setting: "prices_per_million.\(model)", value: "\(price)", expected: "a non-negative number")
                }
                configuration.prices.pricePerMillion[model] = price
            }
            if let r = contents.retry {
                configuration.retryPolicy = RetryPolicy(
                    maxAttempts: r.max_attempts ?? configuration.retryPolicy.maxAttempts,
                    base: .milliseconds(Int((r.base_seconds ?? configuration.retryPolicy.base.timeInterval) * 1000)),
                    cap: .milliseconds(Int((r.cap_seconds ?? configuration.retryPolicy.cap.timeInterval) * 1000))
                )
            }
            if let s = contents.seed {
                configuration.seed.qualityThreshold = s.quality_threshold ?? configuration.seed.qualityThreshold
                configuration.seed.batchSize = s.batch_size ?? configuration.seed.batchSize
                configuration.seed.leaseDuration = s.lease_seconds ?? configuration.seed.leaseDuration
                if let model = s.embedding_model {
                    configuration.seed.embeddingModel = model.isEmpty ? nil : model
                    if !model.isEmpty, configuration.budget.perModel[model] == nil { configuration.budget.perModel[model] = .unlimited }
                }
            }
            if let r = contents.retention {
                configuration.retention = RetentionPolicy(
                    completedItemDays: r.completed_item_days ?? configuration.retention.completedItemDays,
                    deadLetterDays: r.dead_letter_days ?? configuration.retention.deadLetterDays,
                    tokenUsageDays: r.token_usage_days ?? configuration.retention.tokenUsageDays
                )
            }
            configuration.pollInterval = contents.poll_seconds ?? configuration.pollInterval
        }

        func env(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        generatorURL = env(GeneratorConfiguration.urlVariable) ?? generatorURL
        generatorModel = env(GeneratorConfiguration.modelVariable) ?? generatorModel
        generatorKey = env(GeneratorConfiguration.apiKeyVariable) ?? generatorKey
        if let text = env("DICT_GENERATOR_TIMEOUT") { timeout = try number(text, "DICT_GENERATOR_TIMEOUT") }
        if let text = env("DICT_DAILY_TOKEN_BUDGET") {
            configuration.budget.defaultLimit = .tokens(try nonNegative(Int(try number(text, "DICT_DAILY_TOKEN_BUDGET")), "DICT_DAILY_TOKEN_BUDGET"))
        }
        if let text = env("DICT_QUALITY_THRESHOLD") { configuration.seed.qualityThreshold = try number(text, "DICT_QUALITY_THRESHOLD") }
        if let model = env("DICT_EMBEDDING_MODEL") {
            configuration.seed.embeddingModel = model
            if configuration.budget.perModel[model] == nil { configuration.budget.perModel[model] = .unlimited }
        }

        if let value = overrides.batchSize { configuration.seed.batchSize = value }
        if let value = overrides.leaseSeconds { configuration.seed.leaseDuration = value }
        if let value = overrides.pollSeconds { configuration.pollInterval = value }
        if let value = overrides.timeoutSeconds { timeout = value }
        if let value = overrides.qualityThreshold { configuration.seed.qualityThreshold = value }
        if overrides.maxAttempts != nil || overrides.retryBaseSeconds != nil {
            configuration.retryPolicy = RetryPolicy(
                maxAttempts: overrides.maxAttempts ?? configuration.retryPolicy.maxAttempts,
                base: overrides.retryBaseSeconds.map { .milliseconds(Int($0 * 1000)) } ?? configuration.retryPolicy.base,
                cap: configuration.retryPolicy.cap
            )
        }

        try validate(positive: Double(configuration.seed.batchSize), "batch size")
        try validate(positive: configuration.seed.leaseDuration, "lease seconds")
        try validate(positive: configuration.pollInterval, "poll seconds")
        try validate(positive: timeout, "generator timeout")
        guard (0...100).contains(configuration.seed.qualityThreshold) else {
            throw QueueConfigurationError.invalidValue(setting: "quality threshold", value: "\(configuration.seed.qualityThreshold)", expected: "0...100")
        }
        // A reservation must outlive the request it covers (HTTPExchange gives up 2 s after the timeout); an
        // abandoned one is booked at its full size when it expires, so a shorter life only frees the budget sooner.
        configuration.seed.reservationTTL = timeout + 30

        if let generatorURL, let generatorModel {
            guard let url = URL(string: generatorURL), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
                  url.host != nil else {
                throw QueueConfigurationError.invalidValue(setting: GeneratorConfiguration.urlVariable, value: generatorURL, expected: "an http(s) URL")
            }
            configuration.generator = GeneratorConfiguration(
                baseURL: url, model: generatorModel, apiKey: generatorKey, provider: provider, timeout: timeout,
                temperature: temperature, maxTokens: maxTokens
            )
        }
        return configuration
    }

    /// The settings that must be present for seeding, in the words of the environment variables.
    package static let generatorRequirements = [GeneratorConfiguration.urlVariable, GeneratorConfiguration.modelVariable]

    private static func number(_ text: String, _ name: String) throws -> Double {
        guard let value = Double(text), value.isFinite else {
            throw QueueConfigurationError.invalidValue(setting: name, value: text, expected: "a number")
        }
        return value
    }

    private static func nonNegative(_ value: Int, _ name: String) throws -> Int {
        guard value >= 0 else { throw QueueConfigurationError.invalidValue(setting: name, value: "\(value)", expected: "≥ 0") }
        return value
    }

    private static func validate(positive value: Double, _ name: String) throws {
        guard value.isFinite, value > 0 else {
            throw QueueConfigurationError.invalidValue(setting: name, value: "\(value)", expected: "a positive number")
        }
    }
}
