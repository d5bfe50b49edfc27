import DictPostgres
import DictTesting
import Foundation
import PostgresNIO
import Testing

/// `dict serve --database PRIMARY --read-database STANDBY` (issue 17): searches read the hot standby (shown by pausing
/// its replay: a term written on the primary stays unfound until replay resumes), writes (feedback) go to the
/// primary, and the vector index loaded from the standby follows vectors written on the primary as the standby
/// replays them. Serialized: pausing replay pauses it for the whole standby.
@Suite("dict serve reading a hot standby", .serialized, .enabled(if: PostgresTestDatabase.hasStandby && DictBinary.modelInstalled, "needs DICT_TEST_POSTGRES_STANDBY_URL and the model"))
struct ServeStandbyCLITests {
    static func dict(_ arguments: [String]) async throws -> DictBinary.Run {
        try await DictBinary.runOffPool(arguments, in: DictBinary.packageRoot, environment: ["DICT_MODEL_DIR": DictBinary.modelDirectory.path])
    }

    /// The terms a search answers, in order.
    static func terms(_ server: ServeProcess, _ query: String, mode: String) async throws -> [String] {
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
        let (status, body) = try await server.get("/api/v1/search?q=\(encoded)&mode=\(mode)&limit=5")
        guard status == 200 else { return ["HTTP \(status)"] }
        let data = (try JSONSerialization.jsonObject(with: body) as? [String: Any])?["data"] as? [String: Any]
        return (data?["results"] as? [[String: Any]] ?? []).compactMap { $0["term"] as? String }
    }

    /// Asks until `predicate` holds for the answer or `seconds` pass; returns the last answer.
    static func eventually(_ seconds: Double, _ ask: () async throws -> [String], until predicate: ([String]) -> Bool) async throws -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        var answer = try await ask()
        while !predicate(answer), Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            answer = try await ask()
        }
        return answer
    }

    static func entryLine(_ term: String, _ definition: String) -> String {
        #"{"term": "\#(term)", "lang": "en", "type": "general", "definition": {"concise": "\#(definition)", "detailed": "\#(definition) A test entry."}}"#
    }

    /// The glossary migrated and imported through the primary, replayed by the standby (when `standby`), and `dict
    /// serve --database PRIMARY` with `serveArguments` started off the concurrency pool; `body` gets the database, the
    /// primary's arguments and the server, which is stopped afterwards.
    static func withServer(
        standby: Bool = true, semantic: Bool = false, _ serveArguments: @escaping @Sendable (PostgresTestDatabase) throws -> [String],
        _ body: (PostgresTestDatabase, [String], ServeProcess) async throws -> Void
    ) async throws {
        try await PostgresTestDatabase.with { database in
            let primary = ["--database", database.url]
            #expect(try await Self.dict(["migrate", "--service", "dictionary"] + primary).status == 0)
            #expect(try await Self.dict(["import", "glossary"] + primary).status == 0)
            if standby { #expect(try await database.waitForStandby()) }
            let server = try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(with: Result { try ServeProcess(primary + serveArguments(database), semantic: semantic) })
                }
            }
            defer { server.stop() }
            try await body(database, primary, server)
        }
    }

    @Test("Reads come from the standby, writes go to the primary, and written vectors reach the index")
    func readsStandbyWritesPrimaryFollowsVectors() async throws {
        try await Self.withServer(semantic: true, { ["--read-database", $0.standbyURL ?? ""] }) { database, primary, server in
            let standby = try #require(database.standbyURL)
            #expect(server.stderr.contains("reads from"), "\(server.stderr)")
            #expect(try await Self.terms(server, "crescendo", mode: "exact") == ["crescendo"])

            // Replay paused: what the primary commits is not read.
            try await PostgresSession.withSession(to: try PostgresLocation(url: standby)) { try await $0.execute("SELECT pg_wal_replay_pause()") }
            let folder = try TemporaryDirectory()
            let entries = try folder.write(Data((Self.entryLine("zzqxorb", "A glimmering violet teapot in orbit.") + "\n").utf8), to: "entries.jsonl")
            let imported = try await Self.dict(["import", "entries", entries] + primary)
            #expect(imported.status == 0, "\(imported.stderr)")
            try await Task.sleep(for: .milliseconds(1_500))
            #expect(try await Self.terms(server, "zzqxorb", mode: "exact").isEmpty, "the paused standby has not replayed the entry")
            try await PostgresSession.withSession(to: try PostgresLocation(url: standby)) { try await $0.execute("SELECT pg_wal_replay_resume()") }
            #expect(try await Self.eventually(10, { try await Self.terms(server, "zzqxorb", mode: "exact") }, until: { $0 == ["zzqxorb"] }) == ["zzqxorb"])

            // A vector written on the primary reaches the index the server loaded from the standby.
            let text = "A glimmering violet teapot in orbit."
            #expect(try await Self.terms(server, text, mode: "semantic").first != "zzqxorb")
            let embedded = try await Self.dict(["embed-text", "--json", text])
            let vector = try #require((try JSONSerialization.jsonObject(with: Data(embedded.stdout.utf8)) as? [String: Any])?["embedding"] as? [Double])
            let line = try JSONSerialization.data(withJSONObject: ["term": "zzqxorb", "lang": "en", "vector": vector])
            let vectors = try folder.write(line + Data("\n".utf8), to: "vectors.jsonl")
            let written = try await Self.dict(["import", "embeddings", vectors] + primary)
            #expect(written.status == 0, "\(written.stderr)")
            let found = try await Self.eventually(15, { try await Self.terms(server, text, mode: "semantic") }, until: { $0.first == "zzqxorb" })
            #expect(found.first == "zzqxorb", "\(found)")

            // Feedback is written on the primary (the standby refuses writes), and its answer carries a bookmark.
            let id = try await PostgresSession.withSession(to: database.location, schema: "dictionary") { session in
                try await session.execute("SELECT id FROM dictionary_entries WHERE term = 'zzqxorb'").first?.decode(String.self)
            }
            let feedback = try await server.postWithHeaders("/api/v1/terms/\(try #require(id))/feedback", json: #"{"rating": 5, "feedback_text": "fine"}"#)
            #expect(feedback.status == 200, "\(String(decoding: feedback.body, as: UTF8.self))")
            #expect(feedback.headers["x-dict-bookmark"]?.contains("/") == true, "\(feedback.headers)")
            let stored = try await PostgresSession.withSession(to: database.location, schema: "dictionary") { session in
                try await session.execute("SELECT count(*) FROM user_feedback").first?.decode(Int.self)
            }
            #expect(stored == 1)
        }
    }

    @Test("A read sending a bookmark sees the writes before it: from the standby once replayed, else from the primary")
    func bookmarkedReadsSeeEarlierWrites() async throws {
        try await Self.withServer({ ["--read-database", $0.standbyURL ?? "", "--bookmark-wait", "0.5"] }) { database, primary, server in
            let standby = try #require(database.standbyURL)
            let standbyLocation = try PostgresLocation(url: standby)
            try await PostgresSession.withSession(to: standbyLocation) { try await $0.execute("SELECT pg_wal_replay_pause()") }
            let folder = try TemporaryDirectory()
            let entries = try folder.write(Data((Self.entryLine("qqbookmark", "Written just before the read.") + "\n").utf8), to: "entries.jsonl")
            #expect(try await Self.dict(["import", "entries", entries] + primary).status == 0)
            let marked = try await Self.dict(["bookmark"] + primary)
            let bookmark = marked.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(marked.status == 0 && bookmark.contains("/"), "\(marked.stdout) \(marked.stderr)")

            let path = "/api/v1/search?q=qqbookmark&mode=exact"
            let plain = try await server.get(path, headers: [:])
            #expect(!String(decoding: plain.body, as: UTF8.self).contains("\"term\":\"qqbookmark\""), "without a bookmark the paused standby answers")
            let fallback = try await server.get(path, headers: ["X-Dict-Bookmark": bookmark])
            #expect(fallback.headers["x-dict-read-from"] == "primary")
            #expect(String(decoding: fallback.body, as: UTF8.self).contains("\"term\":\"qqbookmark\""), "the primary answers the late read")
            let lookup = try await server.get("/api/v1/terms/qqbookmark", headers: ["X-Dict-Bookmark": bookmark])
            #expect(lookup.status == 200 && lookup.headers["x-dict-read-from"] == "primary")

            try await PostgresSession.withSession(to: standbyLocation) { try await $0.execute("SELECT pg_wal_replay_resume()") }
            #expect(try await database.waitForStandby())
            let replica = try await server.get(path, headers: ["X-Dict-Bookmark": bookmark])
            #expect(replica.headers["x-dict-read-from"] == "replica")
            #expect(String(decoding: replica.body, as: UTF8.self).contains("\"term\":\"qqbookmark\""))

            let malformed = try await server.get(path, headers: ["X-Dict-Bookmark": "yesterday"])
            #expect(malformed.status == 400 && String(decoding: malformed.body, as: UTF8.self).contains("X-Dict-Bookmark"))
        }
    }

    @Test("Searches keep answering after every connection of the server was cut (a failover, a restart) between requests")
    func readsOutliveTerminatedConnections() async throws {
        try await Self.withServer(standby: false, { _ in ["--database-connections", "2"] }) { database, _, server in
            for round in 0..<3 {
                // Two requests at once, so both pooled connections exist, then every connection of the server is cut.
                async let first = Self.terms(server, "allegro", mode: "exact")
                async let second = Self.terms(server, "lento", mode: "prefix")
                let (exact, prefix) = try await (first, second)
                #expect(exact == ["allegro"] && !prefix.isEmpty)
                let cut = try await PostgresSession.withSession(to: database.location) { admin in
                    try await admin.execute("""
                        SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid()
                        """).first?.decode(Int.self)
                }
                #expect((cut ?? 0) >= 1, "round \(round): no connection to cut")
                for query in ["crescendo", "forte", "piano"] {
                    #expect(try await Self.terms(server, query, mode: "exact") == [query], "round \(round): \(query) after the cut")
                }
            }
        }
    }
}
