package import DictStore
package import DictionaryCore
import DictionaryQueues

/// Scrape-time gauges over the dictionary database: index size, embeddings per model, queue depths and today's
/// tokens. Each is one indexed aggregate query on a pooled reader, so scraping never blocks writers.
package enum DictionaryStatusGauges {
    /// Every gauge below, over the SQLite dictionary database.
    package static func all(database: StoreDatabase, failures: OperationalFailures = .shared) -> [ScrapeGauge] {
        engineNeutral(statistics: DictionaryStatistics(database: database), failures: failures) + [queueDepth(database), tokensToday(database)]
    }

    /// The gauges any engine answers: entries, embeddings and operation failures (the queue and token gauges read
    /// stores that are on SQLite only so far).
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
    package static func queueDepth(_ database: StoreDatabase) -> ScrapeGauge {
        ScrapeGauge(name: "queue_depth", help: "Open items per work queue and status.") {
            try QueueDepths.read(database).map {
                ScrapeGauge.Sample(labels: [("queue", $0.queue), ("status", $0.status)], value: Double($0.count))
            }
        }
    }

    /// `dict_ai_tokens_today{model}`: tokens used today (UTC) per model from the token ledger.
    package static func tokensToday(_ database: StoreDatabase) -> ScrapeGauge {
        ScrapeGauge(name: "ai_tokens_today", help: "AI tokens used today (UTC) per model.") {
            try TokenLedger(database: database).usage(days: 1).map {
                ScrapeGauge.Sample(labels: [("model", $0.model)], value: Double($0.tokensUsed))
            }
        }
    }
}
