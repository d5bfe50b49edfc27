import DictServer
import DictStore
import DictTesting
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Operational routes: /livez, /readyz, /health, /metrics, unknown routes")
struct OperationalRouteTests {
    @Test(arguments: DatabaseKind.allCases)
    func livezAndReadyzAnswerWithUTCTimestamps(kind: DatabaseKind) async throws {
        let harness = try TestHarness(kind: kind, seeded: true)
        try await harness.withClient { client in
            try await client.execute(uri: "/livez", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response)
                #expect(body["status"] == "ok")
                let timestamp = try #require(body["timestamp"]?.stringValue)
                #expect(timestamp.hasSuffix("Z") && timestamp.contains("T"))
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                let parsed = try json(response)
                #expect(parsed["status"] == "ready")
            }
        }
    }

    @Test func readyzIsNotReadyWhileTheDictionaryIsEmptyOrUnmigrated() async throws {
        try await TestHarness().withClient { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try json(response)
                #expect(body["status"] == "not ready")
                #expect(body["error"]?.stringValue?.contains("empty") == true)
            }
        }
        try await TestHarness(migrate: false).withClient { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try json(response)
                #expect(body["error"]?.stringValue?.contains("dict migrate") == true)
            }
        }
    }

    @Test func healthIsHealthyOnAMigratedDatabase() async throws {
        let harness = try TestHarness()
        try await harness.withClient { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response)
                #expect(body["status"] == "healthy")
                #expect(body["checks"]?["database"]?["status"] == "ok")
                #expect(body["checks"]?["database"]?["detail"]?["entries"] == 0)
                #expect(body["checks"]?["migrations"]?["detail"]?["pending"] == 0)
            }
        }
    }

    @Test func healthIsDegradedWhenMigrationsArePending() async throws {
        let harness = try TestHarness(migrate: false)
        try await harness.withClient { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try json(response)
                #expect(body["status"] == "degraded")
                #expect(body["checks"]?["migrations"]?["status"] == "error")
            }
        }
    }

    @Test func unknownRouteIsA404Envelope() async throws {
        let harness = try TestHarness()
        try await harness.withClient { client in
            for uri in ["/nope", "/api/v1/nothing-here", "/api/v1/terms"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let body = try expectErrorEnvelope(response, status: .notFound, code: "NOT_FOUND")
                    #expect(body["error"] == "The requested endpoint does not exist")
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                }
            }
        }
    }

    @Test func metricsCountRequestsByRouteTemplateAndReportQueueDepths() async throws {
        let harness = try TestHarness()
        try await harness.withClient { client in
            _ = try await client.execute(uri: "/livez", method: .get)
            _ = try await client.execute(uri: "/livez", method: .get)
            _ = try await client.execute(uri: "/definitely/missing", method: .get)
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
                let metrics = text(response)
                #expect(metrics.contains(#"dict_http_requests_total{method="GET",route="/livez",status="200"} 2"#))
                #expect(metrics.contains(#"dict_http_requests_total{method="GET",route="NotFound",status="404"} 1"#))
                #expect(metrics.contains("dict_http_request_duration_seconds_bucket"))
                #expect(metrics.contains(#"dict_queue_depth{queue="seed_queue",status="pending"} 0"#))
                // Raw paths never become labels.
                #expect(!metrics.contains("/definitely/missing"))
            }
        }
    }

    @Test func metricsReadGaugesFromTheDatabaseAtScrapeTime() async throws {
        let harness = try TestHarness()
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        try harness.database.write { db in
            try db.execute(sql: "INSERT INTO ai_token_usage (date, model, tokens_used) VALUES (?, 'test-model', 1234)", arguments: [today])
        }
        try await harness.withClient { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(text(response).contains(#"dict_ai_tokens_today{model="test-model"} 1234"#))
            }
        }
    }
}
