import DictServer
import DictStore
import DictTesting
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Reads during writes")
struct ConcurrentWriteTests {
    /// A write transaction (an import, a queue worker) is held open on another thread while requests run: the WAL
    /// reader pool answers them from the last committed snapshot instead of waiting for the writer.
    @Test(.timeLimit(.minutes(1)))
    func searchesAnswerWhileAWriteTransactionIsOpen() async throws {
        let harness = try TestHarness(kind: .file, seeded: true)
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let database = harness.database
        let writer = Thread {
            try? database.write { db in
                try db.execute(sql: "UPDATE dictionary_entries SET overall_score = 1 WHERE term = 'staccato'")
                started.signal()
                release.wait()
            }
        }
        writer.start()
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                started.wait()
                continuation.resume()
            }
        }
        defer { release.signal() }
        try await harness.withClient { client in
            try await client.execute(uri: "/api/v1/terms/staccato", method: .get) { response in
                #expect(response.status == .ok)
                // The uncommitted update is invisible: the read used its own snapshot.
                let body = try json(response)
                #expect(body["data"]?["entry"]?["quality_score"]?["overall"] == 95)
            }
            try await client.execute(uri: "/api/v1/search?q=stac&mode=prefix", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
