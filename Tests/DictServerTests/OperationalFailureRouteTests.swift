import DictServer
import DictStore
import DictionaryCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("/health and /metrics report failures of work that does not fail its caller")
struct OperationalFailureRouteTests {
    private struct Stale: Error, CustomStringConvertible {
        var description: String { "stored vector 7 (entry e1): NaN" }
    }

    @Test func outstandingWorkDegradesHealthUntilItIsRedone() async throws {
        let harness = try TestHarness()
        var dependencies = harness.dependencies
        let failures = OperationalFailures()
        dependencies.failures = failures
        failures.record(.modelUsageRecord, Stale(), context: "usage row")
        failures.record(.vectorIndexRefresh, Stale(), context: "re-reading 1 written entry")
        failures.setOutstanding(.vectorIndexRefresh, 1)
        // A fresh metrics object, so the gauge reads this test's failures.
        dependencies.metrics = ServerMetrics(gauges: DictionaryStatusGauges.all(database: harness.database, failures: failures))
        let application = DictHTTPServer.buildApplication(configuration: harness.configuration, dependencies: dependencies)
        try await application.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try json(response)
                #expect(body["status"] == "degraded")
                #expect(body["checks"]?["operations"]?["status"] == "error")
                #expect(body["checks"]?["operations"]?["detail"]?["vector_index_refresh"] == 1)
                #expect(body["checks"]?["operations"]?["detail"]?["vector_index_refresh_outstanding"] == 1)
                #expect(body["checks"]?["operations"]?["detail"]?["model_usage_record"] == 1)
                #expect(body["checks"]?["operations"]?["error"]?.stringValue?.contains("NaN") == true)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let metrics = text(response)
                #expect(metrics.contains(#"dict_operation_failures_total{operation="vector_index_refresh"} 1"#))
                #expect(metrics.contains(#"dict_operation_failures_total{operation="term_trigram_rebuild"} 0"#))
            }
            failures.setOutstanding(.vectorIndexRefresh, 0)
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response)
                #expect(body["checks"]?["operations"]?["status"] == "ok")
                #expect(body["checks"]?["operations"]?["detail"]?["vector_index_refresh"] == 1)
            }
        }
    }
}
