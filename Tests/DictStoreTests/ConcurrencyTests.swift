import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
import Testing

@Suite("Concurrent readers and a writer under WAL")
struct ConcurrencyTests {
    @Test("Readers see consistent snapshots while a long write transaction runs")
    func readersDuringWrite() async throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        let insert = "INSERT INTO search_analytics (id, term, normalized_term, found, response_time_ms) VALUES (?, 't', 't', 0, 1)"
        try database.write { db in
            for i in 0..<100 { try db.execute(sql: insert, arguments: ["seed-\(i)"]) }
        }
        let writerStarted = DispatchSemaphore(value: 0)
        let readersDone = DispatchSemaphore(value: 0)
        let writer = Task.detached {
            try database.write { db in
                for i in 0..<1_000 { try db.execute(sql: insert, arguments: ["w-\(i)"]) }
                writerStarted.signal()
                // Hold the transaction open until the readers have read.
                readersDone.wait()
            }
        }
        writerStarted.wait()
        // While the write transaction is open, readers still answer and see only committed rows.
        var counts: [Int] = []
        for _ in 0..<10 {
            counts.append(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search_analytics") ?? -1 })
        }
        readersDone.signal()
        try await writer.value
        #expect(counts.allSatisfy { $0 == 100 })
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search_analytics") } == 1_100)
    }

    @Test("Many concurrent writers serialise without losing rows or failing with SQLITE_BUSY")
    func concurrentWriters() async throws {
        let directory = try TemporaryDirectory()
        let database = try Service.dictionary.open(dataDirectory: directory.path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for i in 0..<50 {
                        try database.write { db in
                            try db.execute(
                                sql: "INSERT INTO search_analytics (id, term, normalized_term, found, response_time_ms) VALUES (?, 't', 't', 1, 1)",
                                arguments: ["\(worker)-\(i)"])
                        }
                        _ = try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search_analytics") }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM search_analytics") } == 200)
    }
}
