import DictTesting
import Foundation
import Testing
@testable import DictionaryGeneration
@testable import DictionaryQueues

@Suite struct QueueConfigurationTests {
    @Test func defaultsNeedAGenerator() throws {
        let configuration = try QueueConfiguration.load(file: nil, environment: [:])
        #expect(configuration.generator == nil)
        #expect(configuration.budget.limit(for: "some-llm") == .tokens(4_500))
        #expect(configuration.budget.limit(for: QueueConfiguration.defaultEmbeddingModel) == .unlimited)
        #expect(configuration.seed.qualityThreshold == 85)
        #expect(configuration.retryPolicy == RetryPolicy(maxAttempts: 3, base: .seconds(5), cap: .seconds(300)))
        #expect(configuration.retention == RetentionPolicy(completedItemDays: 7, deadLetterDays: 30, tokenUsageDays: 30))
    }

    @Test func fileThenEnvironmentThenFlags() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("queue.json")
        try #"""
        {"generator": {"url": "http://file.example/v1", "model": "file-model", "provider": "openai", "timeout_seconds": 10},
         "budget": {"default_daily_tokens": 1000, "models": {"big": 50000, "free": "unlimited"}},
         "prices_per_million": {"file-model": 1.5},
         "retry": {"max_attempts": 5, "base_seconds": 2},
         "seed": {"quality_threshold": 70, "batch_size": 2, "embedding_model": "emb"},
         "retention": {"completed_item_days": 1},
         "poll_seconds": 9}
        """#.write(to: file, atomically: true, encoding: .utf8)
        var overrides = QueueConfiguration.Overrides()
        overrides.batchSize = 7
        let configuration = try QueueConfiguration.load(
            file: file, environment: ["DICT_GENERATOR_MODEL": "env-model", "DICT_GENERATOR_API_KEY": "k"], overrides: overrides
        )
        let generator = try #require(configuration.generator)
        #expect(generator.baseURL.absoluteString == "http://file.example/v1")
        #expect(generator.endpoint.absoluteString == "http://file.example/v1/chat/completions")
        #expect(generator.model == "env-model" && generator.apiKey == "k" && generator.provider == .openai && generator.timeout == 10)
        #expect(configuration.budget.limit(for: "other") == .tokens(1_000))
        #expect(configuration.budget.limit(for: "big") == .tokens(50_000))
        #expect(configuration.budget.limit(for: "free") == .unlimited)
        #expect(configuration.budget.limit(for: "emb") == .unlimited)
        #expect(configuration.prices.cost(model: "file-model", totalTokens: 2_000_000) == 3)
        #expect(configuration.retryPolicy.maxAttempts == 5 && configuration.retryPolicy.delay(afterAttempt: 1) == 2)
        #expect(configuration.seed.qualityThreshold == 70 && configuration.seed.batchSize == 7)
        #expect(configuration.seed.embeddingModel == "emb")
        #expect(configuration.retention.completedItemDays == 1 && configuration.retention.deadLetterDays == 30)
        #expect(configuration.pollInterval == 9)
        #expect(configuration.seed.reservationTTL >= 20, "a reservation outlives the request timeout")
    }

    @Test func invalidSettingsAreTypedErrors() throws {
        #expect(throws: QueueConfigurationError.invalidValue(setting: "DICT_GENERATOR_URL", value: "ftp://x", expected: "an http(s) URL")) {
            try QueueConfiguration.load(file: nil, environment: ["DICT_GENERATOR_URL": "ftp://x", "DICT_GENERATOR_MODEL": "m"])
        }
        #expect(throws: QueueConfigurationError.invalidValue(setting: "DICT_QUALITY_THRESHOLD", value: "high", expected: "a number")) {
            try QueueConfiguration.load(file: nil, environment: ["DICT_QUALITY_THRESHOLD": "high"])
        }
        var overrides = QueueConfiguration.Overrides()
        overrides.leaseSeconds = 0
        #expect(throws: QueueConfigurationError.invalidValue(setting: "lease seconds", value: "0.0", expected: "a positive number")) {
            try QueueConfiguration.load(file: nil, environment: [:], overrides: overrides)
        }
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("queue.json")
        try #"{"budget": {"models": {"m": -1}}}"#.write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: QueueConfigurationError.self) { try QueueConfiguration.load(file: file, environment: [:]) }
        try "{not json".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: QueueConfigurationError.self) { try QueueConfiguration.load(file: file, environment: [:]) }
    }
}
