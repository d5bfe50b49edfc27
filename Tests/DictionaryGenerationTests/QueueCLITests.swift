import DictMigrations
import DictPostgres
import PostgresNIO
import DictStore
import DictTesting
import Foundation
import Testing
@testable import DictionaryQueues

/// `dict queue` subcommands through the built binary (see `QueueCrashTests.binary`).
@Suite struct QueueCLITests {
    static func run(_ arguments: [String], server: StubHTTPServer? = nil) throws -> (status: Int32, output: String) {
        let (process, pipe) = try QueueCrashTests.launch(arguments, server: server)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        QueueCrashTests.wait(process)
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONText.decode(text) as? [String: Any], "not a JSON object: \(text)")
    }

    @Test func importStatusRunReviewAndBudgetEndToEnd() throws {
        try Self.endToEnd(engine: [])
    }

    @Test("The same commands with --database run on PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
    func importStatusRunReviewAndBudgetEndToEndOnPostgres() async throws {
        try await PostgresTestDatabase.with { database in
            try await PostgresSession.withSession(to: database.location) { session in
                try await PostgresMigrationRunner(schema: "dictionary", files: Service.dictionary.postgresMigrationFiles).migrate(in: session)
            }
            // On a thread of its own: the children are waited for synchronously, which must not hold a pool thread.
            let url = database.url
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                Thread.detachNewThread { continuation.resume(with: Result { try Self.endToEnd(engine: ["--database", url]) }) }
            }
            // The work landed in PostgreSQL, not in the data directory's files.
            let rows = try await PostgresSession.withSession(to: database.location, schema: "dictionary") { session in
                try await session.execute("""
                    SELECT (SELECT count(*) FROM seed_queue WHERE status = 'completed'), (SELECT count(*) FROM manual_review_queue WHERE status = 'approved'),
                        (SELECT count(*) FROM dictionary_entries)
                    """).first?.decode((Int, Int, Int).self)
            }
            #expect(rows.map { "\($0.0) \($0.1) \($0.2)" } == "2 1 2")
        }
    }

    /// The commands on the SQLite files of a fresh data directory, or with `engine`'s `--database` on PostgreSQL.
    static func endToEnd(engine: [String]) throws {
        let directory = try TemporaryDirectory()
        let dir = directory.path
        let file = directory.url.appendingPathComponent("terms.txt")
        try "Allegro\nallegro\n\nPresto\n".write(to: file, atomically: true, encoding: .utf8)

        let imported = try Self.json(Self.run(["queue", "import", file.path, "--lang", "en", "--json", "--data-dir", dir] + engine).output)
        #expect((imported["queued"] as? [Any])?.count == 2)
        #expect((imported["duplicates"] as? [Any])?.count == 1)
        let again = try Self.run(["queue", "enqueue", "PRESTO", "--lang", "en", "--data-dir", dir] + engine)
        #expect(again.status == 0 && again.output.hasPrefix("already queued as "))

        let status = try Self.json(Self.run(["queue", "status", "--json", "--data-dir", dir] + engine).output)
        #expect((status["seed"] as? [String: Any])?["pending"] as? Int == 2)

        let server = try StubHTTPServer(defaultResponse: .chatCompletion(content: QueueFixtures.weakReply, promptTokens: 7, completionTokens: 3))
        defer { server.stop() }
        server.enqueue(.chatCompletion(content: QueueFixtures.goodReply(), promptTokens: 100, completionTokens: 200))
        let run = try Self.run(["queue", "run", "--json", "--data-dir", dir] + engine, server: server)
        #expect(run.status == 0, "\(run.output)")
        let report = try Self.json(run.output)
        #expect(report["completedItems"] as? Int == 2)
        #expect(report["languagesStored"] as? Int == 1 && report["sentToReview"] as? Int == 1)

        let reviews = try #require(JSONText.decode(Self.run(["queue", "review", "list", "--json", "--data-dir", dir] + engine).output) as? [[String: Any]])
        #expect(reviews.count == 1)
        let reviewID = try #require(reviews.first?["id"] as? String)
        #expect(try Self.run(["queue", "review", "approve", reviewID, "--data-dir", dir] + engine).status == 0)
        #expect(try Self.run(["queue", "review", "approve", reviewID, "--data-dir", dir] + engine).status == 3)
        #expect(try Self.run(["queue", "review", "reject", "missing", "--data-dir", dir] + engine).status == 1)

        let budget = try Self.json(Self.run(["queue", "budget", "--json", "--data-dir", dir] + engine, server: server).output)
        let today = try #require((budget["today"] as? [[String: Any]])?.first { $0["model"] as? String == "stub-model" })
        #expect(today["used"] as? Int == 310 && today["limit"] as? Int == 4_500 && today["remaining"] as? Int == 4_190)

        #expect(try Self.run(["queue", "dlq", "retry", "nope", "--data-dir", dir] + engine).status == 1)
        #expect(try Self.run(["queue", "enqueue", "x", "--lang", "xx", "--data-dir", dir] + engine).status == 2)
        #expect(try Self.run(["queue", "import", "/nonexistent/file", "--data-dir", dir] + engine).status == 1)
    }
}
