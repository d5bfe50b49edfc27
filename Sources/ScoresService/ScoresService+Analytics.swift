import DictStore

extension ScoresService {
    /// Adds one to a counter of a score. A single upsert statement (`count = count + 1` inside the database), so
    /// concurrent increments from any number of connections or processes never lose an update.
    package func increment(_ counter: ScoreCounter, scoreID: String) async throws {
        try await store.increment(counter, scoreID: scoreID, now: Timestamp.now())
    }

    /// The counters of a score (zeros for a score that was never counted).
    package func analytics(scoreID: String) async throws -> ScoreAnalytics {
        try await store.analytics(scoreID: scoreID)
    }

    /// The most viewed public scores, most views first (ties by title). O(n log n) over analytics rows.
    package func popular(limit: Int = 20) async throws -> [Score] {
        try await store.popular(limit: min(max(limit, 1), 200))
    }
}
