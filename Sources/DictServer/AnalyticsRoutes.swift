import DictStore
import DictionarySearch
import Foundation
import Hummingbird

/// `GET /api/v1/analytics/summary`: the dictionary at a glance plus search analytics for a period.
struct AnalyticsRoutes {
    let dependencies: ServerDependencies

    func register(on router: Router<DictRequestContext>) {
        router.get("/api/v1/analytics/summary") { request, _ in try await summary(request: request) }
    }

    /// `data`: every `DictionaryOverview` field, `popular_searches` (20), `zero_result_searches` (10, content gaps)
    /// and `latency_by_mode` (p50/p95/p99 ms) over the last `days` (1…365, default 30).
    struct Payload: Encodable, Sendable {
        let overview: DictionaryOverview
        let popularSearches: [PopularPayload.Search]
        let zeroResultSearches: [PopularPayload.Search]
        let latencyByMode: [SearchAnalyticsReports.ModeLatency]
        let generatedAt: String

        enum CodingKeys: String, CodingKey {
            case popularSearches = "popular_searches"
            case zeroResultSearches = "zero_result_searches"
            case latencyByMode = "latency_by_mode"
            case generatedAt = "generated_at"
        }

        func encode(to encoder: any Encoder) throws {
            try overview.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(popularSearches, forKey: .popularSearches)
            try container.encode(zeroResultSearches, forKey: .zeroResultSearches)
            try container.encode(latencyByMode, forKey: .latencyByMode)
            try container.encode(generatedAt, forKey: .generatedAt)
        }
    }

    func summary(request: Request) async throws -> SuccessEnvelope<Payload> {
        let query = try QueryParameters(request)
        let days = try query.integer("days", default: 30, range: 1...365)
        let cutoff = Timestamp.format(Date().addingTimeInterval(-Double(days) * 86_400))
        // Searches wait up to the recorder's flush interval in memory; the report includes them.
        dependencies.analytics?.flush()
        let overview = try await dependencies.reports.overview(periodDays: days, cutoff: cutoff)
        return SuccessEnvelope(Payload(
            overview: overview,
            popularSearches: try await dependencies.reports.popularSearches(days: days, limit: 20).map(PopularPayload.Search.init),
            zeroResultSearches: try await dependencies.reports.zeroResultSearches(days: days, limit: 10).map(PopularPayload.Search.init),
            latencyByMode: try await dependencies.reports.latencyPercentiles(days: days),
            generatedAt: Timestamp.now()))
    }
}
