import DictPostgres
import DictTesting
import Foundation
import PostgresNIO
import Testing

/// `dict scores … --database URL` on the test cluster's `scores` schema: the same round of commands (adds with a
/// refused and a merged duplicate, filtered lists, the duplicate report) prints the same on PostgreSQL as on the
/// SQLite files, apart from the ids and times each run draws anew; and the rows are in PostgreSQL, not in a data directory.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct ScoresPostgresCLITests {
    @Test func addListAndReportPrintTheSameOnBothEngines() async throws {
        let round: [[String]] = [
            ["scores", "add", "--title", "Étude", "--composer", "Chopin", "--opus", "Op. 10 No. 3", "--instrument", "piano", "--tag", "etude"],
            ["scores", "add", "--title", "ETUDE", "--composer", "Frédéric Chopin", "--opus", "op10 no3", "--instrument", "PIANO"],
            ["scores", "add", "--title", "ETUDE", "--composer", "Frédéric Chopin", "--opus", "op10 no3", "--instrument", "piano",
             "--difficulty", "advanced", "--tag", "tristesse", "--merge", "--json"],
            ["scores", "add", "--title", "Lágrima", "--composer", "Tarrega", "--instrument", "guitar", "--style-period", "romantic"],
            ["scores", "add", "--title", "Sketch", "--instrument", "piano", "--visibility", "private", "--user", "owner"],
            ["scores", "add", "--title", "X", "--instrument", "flute"],
            ["scores", "list", "--composer", "chopin"],
            ["scores", "list", "--composer", "Francisco Tárrega", "--json"],
            ["scores", "list", "--instrument", "piano", "--viewer", "owner", "--limit", "1"],
            ["scores", "list", "--instrument", "guitar", "--difficulty", "advanced"],
            ["scores", "dedupe-report", "--backfill"],
        ]
        let expectedStatus: [Int32] = [0, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0]
        func normalized(_ text: String) -> String {
            text.replacingOccurrences(of: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, with: "<id>", options: .regularExpression)
                .replacingOccurrences(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"#, with: "<time>", options: .regularExpression)
        }

        let sqliteDirectory = try TemporaryDirectory()
        var onSQLite: [DictBinary.Run] = []
        for command in round { onSQLite.append(try await DictBinary.runOffPool(command + ["--data-dir", sqliteDirectory.path])) }
        #expect(onSQLite.map(\.status) == expectedStatus, "\(onSQLite.map(\.stderr))")

        try await PostgresTestDatabase.with { database in
            let unused = try TemporaryDirectory()
            #expect(try await DictBinary.runOffPool(["migrate", "--service", "scores", "--database", database.url]).status == 0)
            for (index, command) in round.enumerated() {
                let run = index % 2 == 0
                    ? try await DictBinary.runOffPool(command + ["--data-dir", unused.path, "--database", database.url])
                    : try await DictBinary.runOffPool(command + ["--data-dir", unused.path], environment: ["DICT_DATABASE_URL": database.url])
                #expect(run.status == onSQLite[index].status, "\(command): \(run.stderr)")
                #expect(normalized(run.stdout) == normalized(onSQLite[index].stdout), "\(command)")
                #expect(normalized(run.stderr) == normalized(onSQLite[index].stderr), "\(command)")
            }
            #expect(!FileManager.default.fileExists(atPath: unused.url.appendingPathComponent("scores.db").path), "scores wrote the SQLite file")
            let stored = try await PostgresSession.withSession(to: database.location, schema: "scores") { session in
                try await session.execute("SELECT title || ' ' || tags::text || ' ' || coalesce(difficulty, '-') FROM scores ORDER BY title")
                    .map { try $0.decode(String.self) }
            }
            #expect(stored == ["Lágrima [] -", "Sketch [] -", #"Étude ["etude", "tristesse"] ADVANCED"#])
        }
    }
}
