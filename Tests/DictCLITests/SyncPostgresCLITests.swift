import DictPostgres
import DictTesting
import Foundation
import PostgresNIO
import Testing

/// `dict sync … --database URL` on the test cluster's `api` schema: the same round of commands (a user, keyed
/// pushes with a replay and a conflict, a deletion, pulls by token and page, the status) prints the same on
/// PostgreSQL as on the SQLite files, apart from the ids and times each run draws anew; and the rows are in
/// PostgreSQL, not in a data directory.
@Suite(.enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct SyncPostgresCLITests {
    /// `text` with every UUID and timestamp replaced by a placeholder.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#, with: "<id>", options: .regularExpression)
            .replacingOccurrences(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"#, with: "<time>", options: .regularExpression)
    }

    @Test func pushAndPullRoundPrintsTheSameOnBothEngines() async throws {
        let files = try TemporaryDirectory()
        let changes = files.url.appendingPathComponent("changes.json")
        try Data(#"{"deviceId":"cli","changes":[{"entityType":"goal","entityId":"g1","data":{"title":"Scales","targetValue":60}},{"entityType":"logbook_entry","entityId":"e1","data":{"minutes":30,"note":"ä ß 快"}},{"entityType":"goal","entityId":"g2","data":{"title":"Arpeggios"}}]}"#.utf8)
            .write(to: changes)
        let deletion = files.url.appendingPathComponent("delete.json")
        try Data(#"[{"entityType":"goal","entityId":"g1","deleted":true},{"entityType":"goal","entityId":"g2","data":{"title":"Arpeggios"}},{"entityType":"goal","entityId":"absent","deleted":true}]"#.utf8)
            .write(to: deletion)
        let user = ["--user", "me@example.com"]
        let round: [[String]] = [
            ["sync", "add-user", "--email", "Me@Example.com", "--name", "Me"],
            ["sync", "add-user", "--email", "ME@example.com"],
            ["sync", "push"] + user + ["--file", changes.path, "--idempotency-key", "k1"],
            ["sync", "push"] + user + ["--file", changes.path, "--idempotency-key", "k1", "--json"],
            ["sync", "push"] + user + ["--file", deletion.path, "--idempotency-key", "k1"],
            ["sync", "push"] + user + ["--file", deletion.path, "--idempotency-key", "k2", "--device", "tablet"],
            ["sync", "pull"] + user,
            ["sync", "pull"] + user + ["--since", "2", "--json"],
            ["sync", "pull"] + user + ["--limit", "1"],
            ["sync", "pull"] + user + ["--since", "x"],
            ["sync", "pull", "--user", "nobody"],
            ["sync", "status"] + user + ["--json"],
        ]

        let sqliteDirectory = try TemporaryDirectory()
        var onSQLite: [DictBinary.Run] = []
        for command in round { onSQLite.append(try await DictBinary.runOffPool(command + ["--data-dir", sqliteDirectory.path])) }
        #expect(onSQLite.map(\.status) == [0, 3, 0, 0, 3, 0, 0, 0, 0, 2, 1, 0], "\(onSQLite.map(\.stderr))")

        try await PostgresTestDatabase.with { database in
            let unused = try TemporaryDirectory()
            let unmigrated = try await DictBinary.runOffPool(round[0] + ["--database", database.url])
            #expect(unmigrated.status != 0 && unmigrated.stderr.contains("dict migrate"), "\(unmigrated.stderr)")
            #expect(try await DictBinary.runOffPool(["migrate", "--service", "api", "--database", database.url]).status == 0)
            for (index, command) in round.enumerated() {
                // Half through the flag, half through the environment.
                let run = index % 2 == 0
                    ? try await DictBinary.runOffPool(command + ["--data-dir", unused.path, "--database", database.url])
                    : try await DictBinary.runOffPool(command + ["--data-dir", unused.path], environment: ["DICT_DATABASE_URL": database.url])
                #expect(run.status == onSQLite[index].status, "\(command): \(run.stderr)")
                #expect(Self.normalized(run.stdout) == Self.normalized(onSQLite[index].stdout), "\(command)")
                #expect(Self.normalized(run.stderr) == Self.normalized(onSQLite[index].stderr), "\(command)")
            }
            #expect(!FileManager.default.fileExists(atPath: unused.url.appendingPathComponent("api.db").path), "sync wrote the SQLite file")
            let stored = try await PostgresSession.withSession(to: database.location, schema: "api") { session in
                try await session.execute("SELECT entity_id || ' v' || version || ' #' || seq || ' ' || (deleted_at IS NULL) FROM sync_data ORDER BY seq")
                    .map { try $0.decode(String.self) }
            }
            #expect(stored == ["e1 v1 #2 true", "g2 v1 #3 true", "g1 v2 #4 false"])
        }
    }
}
