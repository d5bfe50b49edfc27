package import DictStore
package import DictionaryCore
package import DictionaryQueues

/// Scrape-time gauges over the dictionary database: index size, embeddings per model, queue depths and today's
/// tokens. Each is one indexed aggregate query on a pooled reader, so scraping never blocks writers.
package enum DictionaryStatusGauges {
    /// Every gauge below, over the SQLite dictionary database.
    package static func all(database: StoreDatabase, failures: OperationalFailures = .shared) -> [ScrapeGauge] {
        all(statistics: DictionaryStatistics(database: database), queueDepths: { try QueueDepths.read(database) },
            tokensToday: { try TokenLedger(database: database).usage(days: 1) }, failures: failures)
    }

    /// Every gauge below, over any engine: its statistics, queue depths and today's token usage.
    package static func all(
        statistics: any DictionaryStatisticsReading, queueDepths: @escaping @Sendable () async throws -> [QueueDepths.Depth],
        tokensToday: @escaping @Sendable () async throws -> [DailyTokenUsage], failures: OperationalFailures = .shared
    ) -> [ScrapeGauge] {
        [entries(statistics), embeddings(statistics), queueDepth(queueDepths), self.tokensToday(tokensToday), operationFailures(failures)]
    }

    /// The gauges that need nothing but the entry and vector counts (tests' servers).
    package static func engineNeutral(statistics: any DictionaryStatisticsReading, failures: OperationalFailures = .shared) -> [ScrapeGauge] {
        [entries(statistics), embeddings(statistics), operationFailures(failures)]
    }

    /// `dict_operation_failures_total{operation}`: failures since start of work that does not fail its caller
    /// (`OperationalFailure`), every operation listed; `dict_operation_outstanding{operation}` is in `/health`.
    package static func operationFailures(_ failures: OperationalFailures) -> ScrapeGauge {
        ScrapeGauge(name: "operation_failures_total", help: "Failures since start of work that does not fail its caller.") {
            let snapshot = failures.snapshot()
            return OperationalFailure.allCases.map {
                ScrapeGauge.Sample(labels: [("operation", $0.rawValue)], value: Double(snapshot[$0]?.count ?? 0))
            }
        }
    }

    /// `dict_index_entries{lang}`: dictionary entries per language.
    package static func entries(_ statistics: any DictionaryStatisticsReading) -> ScrapeGauge {
        ScrapeGauge(name: "index_entries", help: "Dictionary entries per language.") {
            try await statistics.entriesPerLanguage().sorted { $0.key < $1.key }.map {
                ScrapeGauge.Sample(labels: [("lang", $0.key)], value: Double($0.value))
            }
        }
    }

    /// `dict_index_embeddings{model}`: stored term embeddings per model.
    package static func embeddings(_ statistics: any DictionaryStatisticsReading) -> ScrapeGauge {
        ScrapeGauge(name: "index_embeddings", help: "Stored term embeddings per model.") {
            try await statistics.embeddingsPerModel().sorted { $0.key < $1.key }.map {
                ScrapeGauge.Sample(labels: [("model", $0.key)], value: Double($0.value))
            }
        }
    }

    /// `dict_queue_depth{queue, status}`: open items (pending or in progress) in each work queue.
    package static func queueDepth(_ read: @escaping @Sendable () async throws -> [QueueDepths.Depth]) -> ScrapeGauge {
        ScrapeGauge(name: "queue_depth", help: "Open items per work queue and status.") {
            try await read().map {
                ScrapeGauge.Sample(labels: [("queue", $0.queue), ("status", $0.status)], value: Double($0.count))
            }
        }
    }

    /// `dict_ai_tokens_today{model}`: tokens used today (UTC) per model from the token ledger.
    package static func tokensToday(_ read: @escaping @Sendable () async throws -> [DailyTokenUsage]) -> ScrapeGauge {
        ScrapeGauge(name: "ai_tokens_today", help: "AI tokens used today (UTC) per model.") {
            try await read().map {
                ScrapeGauge.Sample(labels: [("model", $0.model)], value: Double($0.tokensUsed))
            }
        }
    }
}
