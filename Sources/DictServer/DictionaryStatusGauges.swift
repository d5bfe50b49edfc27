package import DictStore
import Foundation
import GRDB

/// Scrape-time gauges over the dictionary database: index size, embeddings per model, queue depths and today's
/// tokens. Each is one indexed aggregate query on a pooled reader, so scraping never blocks writers.
package enum DictionaryStatusGauges {
    /// Every gauge below.
    package static func all(database: StoreDatabase) -> [ScrapeGauge] {
        [entries(database), embeddings(database), queueDepth(database), tokensToday(database)]
    }

    /// `dict_index_entries{lang}`: dictionary entries per language.
    package static func entries(_ database: StoreDatabase) -> ScrapeGauge {
        ScrapeGauge(name: "index_entries", help: "Dictionary entries per language.") {
            try database.read { db in
                try Row.fetchAll(db, sql: "SELECT lang, count(*) AS n FROM dictionary_entries GROUP BY lang").map {
                    ScrapeGauge.Sample(labels: [("lang", $0["lang"])], value: Double($0["n"] as Int))
                }
            }
        }
    }

    /// `dict_index_embeddings{model}`: stored term embeddings per model.
    package static func embeddings(_ database: StoreDatabase) -> ScrapeGauge {
        ScrapeGauge(name: "index_embeddings", help: "Stored term embeddings per model.") {
            try database.read { db in
                try Row.fetchAll(db, sql: "SELECT model, count(*) AS n FROM term_embeddings GROUP BY model").map {
                    ScrapeGauge.Sample(labels: [("model", $0["model"])], value: Double($0["n"] as Int))
                }
            }
        }
    }

    /// `dict_queue_depth{queue, status}`: open items (pending or in progress) in each work queue.
    package static func queueDepth(_ database: StoreDatabase) -> ScrapeGauge {
        ScrapeGauge(name: "queue_depth", help: "Open items per work queue and status.") {
            try database.read { db in
                let queries: [(String, String)] = [
                    ("seed_queue", "SELECT status, count(*) AS n FROM seed_queue WHERE status IN ('pending', 'processing') GROUP BY status"),
                    ("embedding_queue", "SELECT status, count(*) AS n FROM embedding_queue WHERE status IN ('pending', 'processing') GROUP BY status"),
                    ("enhancement_queue", "SELECT status, count(*) AS n FROM enhancement_queue WHERE status IN ('pending', 'processing') GROUP BY status"),
                    ("manual_review_queue", "SELECT status, count(*) AS n FROM manual_review_queue WHERE status IN ('pending', 'reviewing') GROUP BY status"),
                ]
                var samples: [ScrapeGauge.Sample] = []
                for (queue, sql) in queries {
                    var counts: [String: Int] = [:]
                    for row in try Row.fetchAll(db, sql: sql) { counts[row["status"]] = row["n"] }
                    let statuses = queue == "manual_review_queue" ? ["pending", "reviewing"] : ["pending", "processing"]
                    for status in statuses {
                        samples.append(.init(labels: [("queue", queue), ("status", status)], value: Double(counts[status] ?? 0)))
                    }
                }
                return samples
            }
        }
    }

    /// `dict_ai_tokens_today{model}`: tokens used today (UTC) per model from the token ledger.
    package static func tokensToday(_ database: StoreDatabase) -> ScrapeGauge {
        ScrapeGauge(name: "ai_tokens_today", help: "AI tokens used today (UTC) per model.") {
            let today = Timestamp.day(Date())
            return try database.read { db in
                try Row.fetchAll(db, sql: "SELECT model, tokens_used FROM ai_token_usage WHERE date = ?", arguments: [today]).map {
                    ScrapeGauge.Sample(labels: [("model", $0["model"])], value: Double($0["tokens_used"] as Int))
                }
            }
        }
    }
}
