import DictServer
import DictStore
import DictTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Live socket")
struct LiveServerTests {
    @Test func servesOverLoopbackWithHeaders() async throws {
        let harness = try TestHarness(kind: .file, seeded: true)
        let application = DictHTTPServer.buildApplication(configuration: harness.configuration, dependencies: harness.dependencies)
        try await application.test(.live) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                let parsed = try json(response)
                #expect(parsed["status"] == "ready")
                #expect(response.headers[HTTPField.Name("X-Request-ID")!] != nil)
            }
            try await client.execute(uri: "/api/v1/missing", method: .get) { response in
                try expectErrorEnvelope(response, status: .notFound, code: "NOT_FOUND")
                #expect(response.headers[HTTPField.Name("X-RateLimit-Limit")!] == "60")
            }
        }
    }
}
