import DictTesting
import Foundation
import Testing

/// Runs the built `dict` binary for the `scores` and `sync` subcommands.
@Suite struct ScoresSyncCLITests {
    func run(_ arguments: [String]) throws -> DictBinary.Run {
        try DictBinary.run(arguments)
    }

    @Test func scoresAddRefusesDuplicateAndListFinds() throws {
        #expect(DictBinary.url != nil, "dict binary not built next to the tests")
        let dir = try TemporaryDirectory()
        let common = ["--data-dir", dir.path]
        let added = try run(["scores", "add"] + common + ["--title", "Étude", "--composer", "Chopin", "--opus", "Op. 10 No. 3", "--instrument", "piano", "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("frederic-chopin--etude--op-10-no-3"))
        let duplicate = try run(["scores", "add"] + common + ["--title", "ETUDE", "--composer", "Frédéric Chopin", "--opus", "op10 no3", "--instrument", "PIANO"])
        #expect(duplicate.status == 3)
        #expect(duplicate.stderr.contains("already exists"))
        let badInstrument = try run(["scores", "add"] + common + ["--title", "X", "--instrument", "flute"])
        #expect(badInstrument.status == 2)
        let listed = try run(["scores", "list"] + common + ["--composer", "chopin"])
        #expect(listed.status == 0 && listed.stdout.contains("Étude"))
        #expect(try run(["scores", "list"] + common + ["--instrument", "guitar"]).status == 1)
        let status = try run(["migrate"] + common + ["--service", "scores", "--status"])
        #expect(status.stdout.contains("18 applied, 0 pending"))
    }

    @Test func syncPushReplaysAndPullReturnsDeletions() throws {
        let dir = try TemporaryDirectory()
        let common = ["--data-dir", dir.path]
        #expect(try run(["sync", "add-user"] + common + ["--email", "Me@Example.com"]).status == 0)
        let changes = dir.url.appendingPathComponent("changes.json")
        try Data(#"{"deviceId":"cli","changes":[{"entityType":"goal","entityId":"g1","data":{"title":"Scales"}},{"entityType":"logbook_entry","entityId":"e1","data":{"minutes":30}}]}"#.utf8).write(to: changes)
        let push = ["sync", "push"] + common + ["--user", "me@example.com", "--file", changes.path, "--idempotency-key", "k1", "--json"]
        let first = try run(push)
        #expect(first.status == 0 && first.stdout.contains(#""replayed":false"#), "\(first.stderr)")
        let again = try run(push)
        #expect(again.status == 0 && again.stdout.contains(#""replayed":true"#))

        let deletion = dir.url.appendingPathComponent("delete.json")
        try Data(#"[{"entityType":"goal","entityId":"g1","deleted":true}]"#.utf8).write(to: deletion)
        let conflict = try run(["sync", "push"] + common + ["--user", "me@example.com", "--file", deletion.path, "--idempotency-key", "k1"])
        #expect(conflict.status == 3)
        #expect(try run(["sync", "push"] + common + ["--user", "me@example.com", "--file", deletion.path, "--idempotency-key", "k2"]).status == 0)
        let pulled = try run(["sync", "pull"] + common + ["--user", "me@example.com", "--since", "2", "--json"])
        #expect(pulled.status == 0)
        #expect(pulled.stdout.contains(#""deletedAt""#) && pulled.stdout.contains(#""entityId":"g1""#))
        #expect(!pulled.stdout.contains(#""entityId":"e1""#))
        #expect(try run(["sync", "pull"] + common + ["--user", "nobody"]).status == 1)
        try Data("{not json".utf8).write(to: deletion)
        #expect(try run(["sync", "push"] + common + ["--user", "me@example.com", "--file", deletion.path]).status == 2)
    }
}
