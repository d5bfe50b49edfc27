import DictMigrations
import DictPostgres
import DictTesting
import PostgresNIO
import Foundation
import Testing

/// `dict migrate --database URL` on the test cluster: every service's schema is created and migrated, `--status`
/// reports it the way it reports the SQLite files, `dict import glossary` writes into it, and `DICT_DATABASE_URL`
/// alone selects it.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct MigratePostgresCLITests {
    @Test func migrateStatusAndImport() async throws {
        try await PostgresTestDatabase.with { database in
            let pending = try await DictBinary.runOffPool(["migrate", "--status", "--database", database.url])
            #expect(pending.status == 0, "\(pending.stderr)")
            #expect(pending.stdout.contains("dictionary: 0 applied, \(Service.dictionary.postgresMigrationFiles.count) pending"), "\(pending.stdout)")
            #expect(!pending.stdout.contains(database.location.password ?? "no password"), "the password was printed")

            let applied = try await DictBinary.runOffPool(["migrate", "--service", "all"], environment: ["DICT_DATABASE_URL": database.url])
            #expect(applied.status == 0, "\(applied.stderr)")
            for service in Service.allCases {
                let count = service.postgresMigrationFiles.count
                #expect(applied.stdout.contains("\(service.rawValue): applied \(count) migration(s)"), "\(applied.stdout)")
            }
            let upToDate = try await DictBinary.runOffPool(["migrate", "--database", database.url])
            #expect(upToDate.stdout.contains("dictionary: applied 0 migration(s), up to date"), "\(upToDate.stdout)")

            let status = try await DictBinary.runOffPool(["migrate", "--status", "--json", "--database", database.url])
            let rows = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: String]] ?? []
            #expect(rows.count == Service.allCases.reduce(0) { $0 + $1.postgresMigrationFiles.count })
            #expect(rows.allSatisfy { $0["state"] == "applied" && $0["checksum"]?.count == 64 })

            let imported = try await DictBinary.runOffPool(["import", "glossary", "--database", database.url], in: DictBinary.packageRoot)
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stdout.contains("imported 728 entries"), "\(imported.stdout)")
            let again = try await DictBinary.runOffPool(["import", "glossary", "--on-existing", "skip"], in: DictBinary.packageRoot,
                                           environment: ["DICT_DATABASE_URL": database.url])
            #expect(again.stdout.contains("imported 0 entries"), "\(again.stdout) \(again.stderr)")

            // DICT_DATABASE_URL alone selects PostgreSQL for the queue commands too.
            let enqueue = try await DictBinary.runOffPool(["queue", "enqueue", "allegro", "--lang", "de"], environment: ["DICT_DATABASE_URL": database.url])
            #expect(enqueue.status == 0 && enqueue.stdout.hasPrefix("queued "), "\(enqueue.stdout) \(enqueue.stderr)")
        }
    }

    /// Runs `body` with the arguments selecting a migrated data directory and a migrated PostgreSQL database, each
    /// holding the bundled glossary (imported by `dict` itself).
    static func withGlossaryOnBothEngines(_ body: ([String], [String]) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        let dataDir = ["--data-dir", directory.url.path]
        #expect(try await DictBinary.runOffPool(["migrate"] + dataDir).status == 0)
        #expect(try await DictBinary.runOffPool(["import", "glossary"] + dataDir, in: DictBinary.packageRoot).status == 0)
        try await PostgresTestDatabase.with { database in
            let postgres = ["--database", database.url]
            #expect(try await DictBinary.runOffPool(["migrate"] + postgres).status == 0)
            #expect(try await DictBinary.runOffPool(["import", "glossary"] + postgres, in: DictBinary.packageRoot).status == 0)
            try await body(dataDir, postgres)
        }
    }

    /// The (term, language) cells of `dict search --format csv`'s rows.
    static func termRows(_ run: DictBinary.Run) -> Set<String> {
        Set(run.stdout.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").dropFirst().prefix(2).joined(separator: ",") })
    }

    @Test("dict search (exact, prefix, lexical) and dict lookup print the same on PostgreSQL as on the SQLite files")
    func searchAndLookupMatchSQLite() async throws {
        try await Self.withGlossaryOnBothEngines { dataDir, postgres in
            let commands: [[String]] = [
                ["search", "tempo", "--mode", "exact"], ["search", "Allegro", "--mode", "exact", "--lang", "de"],
                ["search", "cre", "--mode", "prefix", "--limit", "15", "--sort", "quality"], ["search", "alegro", "--mode", "exact", "--json"],
                ["lookup", "crescendo"], ["lookup", "crescendo", "--lang", "fr"], ["lookup", "fröhlich"], ["lookup", "zzzqqq"],
            ]
            // Table and text output (the CSV and JSON forms carry the entries' ids, which each import draws anew).
            for command in commands {
                let onSQLite = try await DictBinary.runOffPool(command + dataDir)
                let onPostgres = try await DictBinary.runOffPool(command + postgres)
                #expect(onPostgres.status == onSQLite.status, "\(command): \(onPostgres.stderr)")
                #expect(onPostgres.stdout == onSQLite.stdout, "\(command)")
                #expect(!onSQLite.stdout.isEmpty || onSQLite.status == 1, "\(command)")
            }
            // Lexical: the same matches and total; the full-text tier's BM25 is computed by each engine (FTS5's on
            // SQLite, in SQL on PostgreSQL) and may differ in the last digits, so the tables are compared as sets of
            // (term, language) rows.
            for query in ["cresc", "gradually louder", "cresendo"] {
                let command = ["search", query, "--mode", "lexical", "--format", "csv"]
                let onSQLite = try await DictBinary.runOffPool(command + dataDir)
                let onPostgres = try await DictBinary.runOffPool(command + postgres)
                #expect(onPostgres.status == 0 && onSQLite.status == 0, "\(query): \(onPostgres.stderr)")
                #expect(Self.termRows(onPostgres) == Self.termRows(onSQLite) && !Self.termRows(onSQLite).isEmpty, "\(query)")
            }
            // dict doctor checks the server, the schemas and the vectors, which dict embed has not written yet.
            let doctor = try await DictBinary.runOffPool(["doctor"] + postgres)
            #expect(doctor.status == 3, "\(doctor.stdout)")
            #expect(doctor.stdout.contains("ok    server: PostgreSQL 15") && doctor.stdout.contains("ok    dictionary schema: "), "\(doctor.stdout)")
            #expect(doctor.stdout.contains("FAIL  vectors: 0 of 728 entries have all-MiniLM-L6-v2 vectors; run: dict embed --database URL"), "\(doctor.stdout)")
            // dict export writes the same CSV from either engine.
            let export = ["export", "--format", "csv", "--output", "-", "--lang", "de", "es"]
            let exportSQLite = try await DictBinary.runOffPool(export + dataDir), exportPostgres = try await DictBinary.runOffPool(export + postgres)
            #expect(exportPostgres.status == 0 && exportSQLite.status == 0, "\(exportPostgres.stderr)")
            #expect(exportPostgres.stdout == exportSQLite.stdout && exportSQLite.stdout.count > 1_000)
            #expect(exportPostgres.stderr.hasPrefix("exported 128 entries to standard output"), "\(exportPostgres.stderr)")
        }
    }

    @Test("dict embed --database, then semantic and hybrid search (dict search and dict serve) answer as on the SQLite files",
          .enabled(if: DictBinary.modelInstalled, "model not installed: run `bash models/install.sh`"))
    func embedAndSemanticSearchMatchSQLite() async throws {
        try await Self.withGlossaryOnBothEngines { dataDir, postgres in
            let before = try await DictBinary.runOffPool(["search", "tempo"] + postgres)
            #expect(before.status == 0)
            #expect(before.stderr.contains("no entry has a vector yet"), "\(before.stderr)")
            let partial = try await DictBinary.runOffPool(["embed", "--limit", "100", "--json"] + postgres, in: DictBinary.packageRoot)
            #expect(partial.status == 0, "\(partial.stderr)")
            #expect(partial.stdout.contains("\"entries_embedded\":100"), "\(partial.stdout)")
            let embedded = try await DictBinary.runOffPool(["embed"] + postgres, in: DictBinary.packageRoot)
            #expect(embedded.status == 0, "\(embedded.stderr)")
            #expect(embedded.stdout.hasPrefix("embedded 628 entries (628 vectors, "), "\(embedded.stdout)")
            #expect(embedded.stdout.contains(" tokens) with all-MiniLM-L6-v2; 628 were missing, 0 stale"), "\(embedded.stdout)")
            let again = try await DictBinary.runOffPool(["embed"] + postgres, in: DictBinary.packageRoot)
            #expect(again.stdout.contains("embedded 0 entries"), "an interrupted or repeated run resumes: \(again.stdout)")
            let onSQLiteFiles = try await DictBinary.runOffPool(["embed"] + dataDir, in: DictBinary.packageRoot)
            #expect(onSQLiteFiles.status == 0)
            // Tokens are metered as on SQLite: the two PostgreSQL runs count what the one SQLite run counts, and the
            // schema's ledger holds that many for today.
            func tokens(_ text: String, after marker: String) -> Int? {
                text.range(of: marker).flatMap { Int(text[$0.upperBound...].prefix { $0.isNumber }) }
            }
            let sqliteTokens = try #require(tokens(onSQLiteFiles.stdout, after: " vectors, "), "\(onSQLiteFiles.stdout)")
            let postgresTokens = try #require(tokens(partial.stdout, after: "\"tokens\":")) + (try #require(tokens(embedded.stdout, after: " vectors, ")))
            #expect(postgresTokens == sqliteTokens && sqliteTokens > 5_000)
            let (ledger, queue) = try await PostgresSession.withSession(to: try PostgresLocation(url: postgres[1]), schema: "dictionary") { session in
                (try await session.execute("SELECT sum(tokens_used)::bigint, sum(tokens_reserved)::bigint, sum(terms_processed)::bigint FROM ai_token_usage")
                    .first!.decode((Int, Int, Int).self),
                 try await session.execute("SELECT status, count(*) FROM embedding_queue GROUP BY status").map { try $0.decode((String, Int).self) })
            }
            #expect(ledger.0 == postgresTokens && ledger.1 == 0 && ledger.2 == 728)
            // Every entry went through the embedding queue once: completed items, none open.
            #expect(queue.map { "\($0.0) \($0.1)" } == ["completed 728"])
            // dict queue status and budget read the same counts and tokens from either engine (the budget's cost rows
            // count calls, which each engine's run batches its own way).
            for command in [["queue", "status", "--json"], ["queue", "budget", "--json"]] {
                let onSQLite = try await DictBinary.runOffPool(command + dataDir), onPostgres = try await DictBinary.runOffPool(command + postgres)
                #expect(onPostgres.status == 0 && onSQLite.status == 0, "\(command): \(onPostgres.stderr)")
                func shown(_ run: DictBinary.Run) throws -> String {
                    var object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
                    object["cost"] = nil
                    return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
                }
                #expect(try shown(onPostgres) == shown(onSQLite), "\(command): \(onPostgres.stdout) against \(onSQLite.stdout)")
                #expect(onSQLite.stdout.contains(command[1] == "status" ? "\"completed\" : 728" : "\"tokensUsed\" : \(sqliteTokens)"), "\(onSQLite.stdout)")
            }
            // Semantic answers are the same table; hybrid's full-text scores may differ in the last digit (each
            // engine's BM25 arithmetic), so its rows are compared as (term, language) sets.
            for query in ["gradually getting louder", "very slow", "short and detached"] {
                let command = ["search", query, "--mode", "semantic", "--limit", "10"]
                let onSQLite = try await DictBinary.runOffPool(command + dataDir)
                let onPostgres = try await DictBinary.runOffPool(command + postgres)
                #expect(onSQLite.status == 0 && onPostgres.status == 0, "\(query): \(onPostgres.stderr)")
                #expect(onPostgres.stdout == onSQLite.stdout, "\(query)")
                let hybrid = ["search", query, "--limit", "10", "--format", "csv"]
                let hybridSQLite = try await DictBinary.runOffPool(hybrid + dataDir), hybridPostgres = try await DictBinary.runOffPool(hybrid + postgres)
                #expect(Self.termRows(hybridPostgres) == Self.termRows(hybridSQLite) && !Self.termRows(hybridSQLite).isEmpty, "\(query)")
            }
            // dict serve loads the same model and vectors: semantic answers over HTTP are the same.
            let onSQLite = try await ServePostgresCLITests.start(dataDir, semantic: true)
            defer { onSQLite.stop() }
            let onPostgres = try await ServePostgresCLITests.start(postgres, semantic: true)
            defer { onPostgres.stop() }
            for path in ["/api/v1/search?q=gradually%20getting%20louder&mode=semantic&limit=10", "/api/v1/search?q=very%20slow&mode=semantic&limit=5&offset=2"] {
                let expected = try await onSQLite.get(path), found = try await onPostgres.get(path)
                #expect(found.status == 200 && expected.status == 200, "\(path): \(String(decoding: found.body, as: UTF8.self).prefix(300))")
                let (foundText, expectedText) = (try ServePostgresCLITests.normalized(found.body), try ServePostgresCLITests.normalized(expected.body))
                let same = foundText == expectedText
                #expect(same, "\(path): \(ServePostgresCLITests.divergence(foundText, expectedText))")
                #expect(expectedText.contains("\"term\":"), "\(path)")
            }
            let body = #"{"query": "short and detached", "limit": 5}"#
            let semanticSQLite = try await onSQLite.post("/api/v1/search/semantic", json: body)
            let semanticPostgres = try await onPostgres.post("/api/v1/search/semantic", json: body)
            #expect(semanticPostgres.status == 200 && semanticSQLite.status == 200)
            let (semanticFound, semanticExpected) = (try ServePostgresCLITests.normalized(semanticPostgres.body), try ServePostgresCLITests.normalized(semanticSQLite.body))
            let sameSemantic = semanticFound == semanticExpected
            #expect(sameSemantic, "\(ServePostgresCLITests.divergence(semanticFound, semanticExpected))")
        }
    }

    @Test func importRefusesAnUnmigratedSchema() async throws {
        try await PostgresTestDatabase.with { database in
            let run = try await DictBinary.runOffPool(["import", "glossary", "--database", database.url], in: DictBinary.packageRoot)
            #expect(run.status == 3)
            #expect(run.stderr.contains("the dictionary schema at postgres://"), "\(run.stderr)")
            #expect(run.stderr.contains("run: dict migrate --database URL"), "\(run.stderr)")
        }
    }

    @Test func benchPostgresRunsOnBothEnginesAndDropsItsScratchDatabase() throws {
        let url = try #require(PostgresTestDatabase.serverURL)
        let run = try DictBinary.run(["bench", "postgres", "--database", url, "--n", "300", "--d", "8"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("| import (rows/s) |"), "\(run.stdout)")
        #expect(run.stdout.contains("| index load, best of 3 |"), "\(run.stdout)")
        let missing = try DictBinary.run(["bench", "postgres", "--n", "300"], environment: ["DICT_DATABASE_URL": ""])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("needs --database URL"), "\(missing.stderr)")
    }

    @Test func unreachableServerAndBadPasswordAreOneLineErrors() async throws {
        try await PostgresTestDatabase.with { database in
            let location = database.location
            let wrong = "postgres://\(location.user):wrong-password@\(location.host):\(location.port)/\(location.database)"
            let refused = try await DictBinary.runOffPool(["migrate", "--database", wrong])
            #expect(refused.status == 3)
            #expect(refused.stderr.contains("password authentication failed"), "\(refused.stderr)")
            #expect(!refused.stderr.contains("wrong-password"))
            let malformed = try await DictBinary.runOffPool(["migrate", "--database", "mysql://u:secret@h/d"])
            #expect(malformed.status == 2)
            #expect(malformed.stderr.contains("expected a database URL of the form postgres://"), "\(malformed.stderr)")
            #expect(!malformed.stderr.contains("secret"))
        }
    }
}
