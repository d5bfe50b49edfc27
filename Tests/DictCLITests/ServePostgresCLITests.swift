import DictPostgres
import DictTesting
import Foundation
import Testing

/// `dict serve --database URL` against `dict serve --data-dir DIR` over the bundled glossary: the same HTTP answers
/// with what each engine assigns itself (ids, timestamps, request ids, timings) left out.
@Suite("dict serve on PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct ServePostgresCLITests {
    /// Keys whose values each engine or run draws itself.
    static let volatileKeys: Set<String> = [
        "id", "entry_id", "request_id", "created_at", "updated_at", "timestamp", "generated_at", "last_searched", "last_updated",
        "uptime_seconds", "latency_ms", "feedback_id", "search_frequency", "last_accessed", "latency_by_mode", "exported_at", "average_response_ms",
    ]

    /// The JSON body with the volatile keys removed, keys sorted; full-text scores rounded to 2 decimals (each
    /// engine computes BM25 in its own arithmetic).
    static func normalized(_ body: Data) throws -> String {
        func strip(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                var kept: [String: Any] = [:]
                for (key, field) in object where !volatileKeys.contains(key) { kept[key] = strip(field) }
                return kept
            }
            if let array = value as? [Any] { return array.map(strip) }
            if let number = value as? Double, number != number.rounded() { return (number * 100).rounded() / 100 }
            return value
        }
        let parsed = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        return String(decoding: try JSONSerialization.data(withJSONObject: strip(parsed), options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    /// A full-text answer's (term, language) set, total and facets: each engine computes BM25 in its own arithmetic
    /// and tokenizes slightly differently (docs/postgres.md), so scores differ in the second decimal and near-ties may
    /// swap; the matches may not.
    static func fullTextShape(_ body: Data) throws -> String {
        let data = (try JSONSerialization.jsonObject(with: body) as? [String: Any])?["data"] as? [String: Any] ?? [:]
        let results = (data["results"] as? [[String: Any]] ?? []).map { "\($0["term"] ?? "")|\($0["lang"] ?? "")" }.sorted()
        let facets = try data["facets"].map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
        return "\(results) total \(data["total"] ?? "-") facets \(facets ?? "-")"
    }

    /// `/health` without what differs by engine and run: each check's status, and the database's counts.
    static func healthShape(_ body: Data) throws -> String {
        let health = try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
        let checks = health["checks"] as? [String: [String: Any]] ?? [:]
        let statuses = checks.keys.sorted().map { "\($0)=\(checks[$0]?["status"] ?? "-")" }
        return "\(health["status"] ?? "-") \(statuses) \((checks["database"]?["detail"] as? [String: Int])?.sorted { $0.key < $1.key } ?? [])"
    }

    /// Where two texts part, with some context ("" when equal), for failure messages.
    static func divergence(_ found: String, _ expected: String) -> String {
        let common = zip(found, expected).prefix { $0 == $1 }.count
        guard common < max(found.count, expected.count) else { return "" }
        let start = max(0, common - 80)
        return "PostgreSQL …\(found.dropFirst(start).prefix(240))… SQLite …\(expected.dropFirst(start).prefix(240))…"
    }

    /// Both servers over the glossary, started off the concurrency pool.
    static func withBothServers(semantic: Bool = false, _ body: (ServeProcess, ServeProcess, _ dataDir: [String], _ postgres: [String]) async throws -> Void) async throws {
        try await MigratePostgresCLITests.withGlossaryOnBothEngines { dataDir, postgres in
            if semantic {
                #expect(try await DictBinary.runOffPool(["embed"] + dataDir, in: DictBinary.packageRoot).status == 0)
                #expect(try await DictBinary.runOffPool(["embed"] + postgres, in: DictBinary.packageRoot).status == 0)
            }
            let onSQLite = try await Self.start(dataDir, semantic: semantic)
            defer { onSQLite.stop() }
            let onPostgres = try await Self.start(postgres, semantic: semantic)
            defer { onPostgres.stop() }
            try await body(onSQLite, onPostgres, dataDir, postgres)
        }
    }

    static func start(_ arguments: [String], semantic: Bool) async throws -> ServeProcess {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try ServeProcess(arguments, semantic: semantic) }) }
        }
    }

    @Test("Searches, lookups, suggestions, batches, feedback, analytics, exports and health answer as on SQLite")
    func answersMatchSQLite() async throws {
        try await Self.withBothServers { onSQLite, onPostgres, dataDir, postgres in
            // (path, answered from full text): full-text answers are compared by their matches (`fullTextShape`).
            let gets: [(String, Bool)] = [
                ("/api/v1/search?q=allegro&mode=exact", false), ("/api/v1/search?q=Allegro&mode=exact&lang=de", false),
                ("/api/v1/search?q=cre&mode=prefix&limit=15&sort_by=quality", false), ("/api/v1/search?q=alegro&mode=exact", false),
                ("/api/v1/search?q=gradually%20louder&mode=lexical&limit=5", true), ("/api/v1/search?q=cresc&mode=lexical&facets=lang,type", true),
                ("/api/v1/search?q=tempo&limit=5", true), ("/api/v1/search?q=%E6%B8%90%E5%BC%BA&mode=exact&lang=zh-CN", false),
                ("/api/v1/terms/crescendo", false), ("/api/v1/terms/crescendo?lang=fr", false), ("/api/v1/terms/zzzqqq", false),
                ("/api/v1/terms/allegro/languages", false), ("/api/v1/search/suggestions?q=cre", false),
                ("/api/v1/search/suggestions?q=pi&lang=es", false), ("/api/v1/search/related?term=allegro", false),
                ("/api/v1/search?q=", false), ("/api/v1/search?q=allegro&mode=semantic", false),
            ]
            for (path, fullText) in gets {
                let expected = try await onSQLite.get(path), found = try await onPostgres.get(path)
                #expect(found.status == expected.status, "\(path): \(String(decoding: found.body, as: UTF8.self).prefix(300))")
                let (foundText, expectedText) = fullText ? (try Self.fullTextShape(found.body), try Self.fullTextShape(expected.body))
                    : (try Self.normalized(found.body), try Self.normalized(expected.body))
                if fullText { #expect(expectedText.contains("|en"), "\(path): \(expectedText)") }
                // A Bool, so a failure prints where the bodies part, not both whole bodies.
                let same = foundText == expectedText
                #expect(same, "\(path): \(Self.divergence(foundText, expectedText))")
            }
            // An entry by id: each engine's own id for the same term.
            for server in [onSQLite, onPostgres] {
                let lookup = try JSONSerialization.jsonObject(with: try await server.get("/api/v1/terms/crescendo").body) as? [String: Any]
                let id = try #require(((lookup?["data"] as? [String: Any])?["entry"] as? [String: Any])?["id"] as? String)
                let byID = try await server.get("/api/v1/terms/id/\(id)")
                #expect(byID.status == 200 && String(decoding: byID.body, as: UTF8.self).contains("\"term\":\"crescendo\""))
                let feedback = try await server.post("/api/v1/terms/\(id)/feedback", json: #"{"rating": 2, "feedback_text": "unclear"}"#)
                #expect(feedback.status == 200, "\(String(decoding: feedback.body, as: UTF8.self))")
                #expect(try await server.post("/api/v1/terms/\(id)/feedback", json: #"{"rating": 9}"#).status == 400)
                #expect(try await server.get("/api/v1/terms/id/00000000-0000-4000-8000-000000000000").status == 404)
            }
            let batch = #"{"terms": ["allegro", "crescendo", "zzz", "Piano"], "lang": "en"}"#
            let batchSQLite = try await onSQLite.post("/api/v1/batch/query", json: batch), batchPostgres = try await onPostgres.post("/api/v1/batch/query", json: batch)
            #expect(batchPostgres.status == 200 && batchSQLite.status == 200)
            let (batchFound, batchExpected) = (try Self.normalized(batchPostgres.body), try Self.normalized(batchSQLite.body))
            let sameBatch = batchFound == batchExpected
            #expect(sameBatch, "\(Self.divergence(batchFound, batchExpected))")
            // The searches above were recorded: the summary (which flushes the recorder first) counts them alike.
            for path in ["/api/v1/analytics/summary?days=1", "/api/v1/search/popular?days=1"] {
                let expected = try await onSQLite.get(path), found = try await onPostgres.get(path)
                #expect(found.status == 200 && expected.status == 200, "\(path)")
                let (foundText, expectedText) = (try Self.normalized(found.body), try Self.normalized(expected.body))
                let same = foundText == expectedText
                #expect(same, "\(path): \(Self.divergence(foundText, expectedText))")
                #expect(String(decoding: found.body, as: UTF8.self).contains("\"crescendo\""), "\(path)")
            }
            // dict analytics reads the same recorded searches from either engine.
            for report in ["popular", "gaps", "trends"] {
                let command = ["analytics", report, "--days", "1", "--json"]
                let expected = try await DictBinary.runOffPool(command + dataDir), found = try await DictBinary.runOffPool(command + postgres)
                #expect(found.status == 0 && expected.status == 0, "\(report): \(found.stderr)")
                let (foundText, expectedText) = (try Self.normalized(Data(found.stdout.utf8)), try Self.normalized(Data(expected.stdout.utf8)))
                let same = foundText == expectedText
                #expect(same && expectedText.count > 10, "\(report): \(Self.divergence(foundText, expectedText))")
            }
            // Healthy and ready on both (each engine has its own number of migrations).
            let health = (sqlite: try await onSQLite.get("/health"), postgres: try await onPostgres.get("/health"))
            #expect(health.postgres.status == 200 && health.sqlite.status == 200, "\(String(decoding: health.postgres.body, as: UTF8.self))")
            #expect(try Self.healthShape(health.postgres.body) == Self.healthShape(health.sqlite.body))
            #expect(try Self.healthShape(health.postgres.body).hasPrefix("healthy [\"database=ok\", \"migrations=ok\", \"operations=ok\"] [(key: \"embeddings\", value: 0), (key: \"entries\", value: 728)]"))
            let ready = (sqlite: try await onSQLite.get("/readyz"), postgres: try await onPostgres.get("/readyz"))
            #expect(ready.postgres.status == 200 && ready.sqlite.status == 200)
            #expect(try Self.normalized(ready.postgres.body) == Self.normalized(ready.sqlite.body))
            let metrics = String(decoding: try await onPostgres.get("/metrics").body, as: UTF8.self)
            let sqliteMetrics = String(decoding: try await onSQLite.get("/metrics").body, as: UTF8.self)
            // The scrape-time gauges agree: entries per language, open queue items (the feedback above queued one
            // enhancement per engine), today's tokens.
            let gauges = { (text: String) in
                text.split(separator: "\n").filter { ["dict_index_entries{", "dict_queue_depth{", "dict_ai_tokens_today"].contains(where: $0.hasPrefix) }.sorted()
            }
            #expect(gauges(metrics) == gauges(sqliteMetrics), "\(gauges(metrics)) against \(gauges(sqliteMetrics))")
            #expect(gauges(metrics).filter { $0.hasPrefix("dict_index_entries{") }.count == 6)
            #expect(gauges(metrics).contains(#"dict_queue_depth{queue="enhancement_queue",status="pending"} 1.0"#), "\(gauges(metrics))")
            // Exports: the same CSV bytes, the same JSON entries (ids and times aside).
            let csv = (sqlite: try await onSQLite.get("/api/v1/export?format=csv&languages=en&limit=50"),
                       postgres: try await onPostgres.get("/api/v1/export?format=csv&languages=en&limit=50"))
            #expect(csv.postgres.status == 200 && csv.sqlite.status == 200)
            #expect(csv.postgres.body == csv.sqlite.body && csv.sqlite.body.count > 1_000)
            let json = (sqlite: try await onSQLite.get("/api/v1/export?types=tempo"), postgres: try await onPostgres.get("/api/v1/export?types=tempo"))
            let (foundExport, expectedExport) = (try Self.normalized(json.postgres.body), try Self.normalized(json.sqlite.body))
            let sameExport = foundExport == expectedExport
            #expect(json.postgres.status == 200 && sameExport, "\(Self.divergence(foundExport, expectedExport))")
            #expect(try await onPostgres.get("/api/v1/export?format=xml").status == 400)
        }
    }

    @Test("A server whose schema is not migrated, or whose password is wrong, exits 3 with one line")
    func refusesUnmigratedSchemaAndBadLogin() async throws {
        try await PostgresTestDatabase.with { database in
            let unmigrated = try await DictBinary.runOffPool(["serve", "--port", "0", "--no-semantic", "--database", database.url])
            #expect(unmigrated.status == 3)
            #expect(unmigrated.stderr.contains("run: dict migrate --database URL"), "\(unmigrated.stderr)")
            let location = database.location
            let wrong = "postgres://\(location.user):wrong@\(location.host):\(location.port)/\(location.database)"
            let refused = try await DictBinary.runOffPool(["serve", "--port", "0", "--no-semantic", "--database", wrong])
            #expect(refused.status == 3)
            #expect(refused.stderr.contains("password authentication failed"), "\(refused.stderr)")
        }
    }
}
