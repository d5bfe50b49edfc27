import DictTesting
import Foundation
import Testing

/// `dict migrate --status` and `--dry-run` only look: the database files stay byte for byte what they were (the
/// audit saw every `--status` run bump the file's schema version), and a missing database is not created.
@Suite struct MigrateReadOnlyCLITests {
    func digest(_ url: URL) throws -> String {
        try Data(contentsOf: url).base64EncodedString()
    }

    @Test func statusAndDryRunNeverWriteTheDatabaseFiles() throws {
        let temporary = try TemporaryDirectory()
        let dir = temporary.url.appendingPathComponent("data")
        let common = ["--data-dir", dir.path]

        // Nothing exists yet: both answer, and neither creates a file.
        let fresh = try DictBinary.run(["migrate", "--status"] + common)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(fresh.stdout.contains("0 applied"))
        #expect(try DictBinary.run(["migrate", "--dry-run"] + common).stdout.contains("would apply"))
        let created = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        #expect(created.filter { $0.hasSuffix(".db") }.isEmpty, "created \(created)")

        #expect(try DictBinary.run(["migrate"] + common).status == 0)
        let files = ["dictionary.db", "scores.db", "api.db"].map { dir.appendingPathComponent($0) }
        let before = try files.map(digest)
        for arguments in [["--status"], ["--dry-run"], ["--status", "--json"], ["--dry-run", "--service", "dictionary"]] {
            let run = try DictBinary.run(["migrate"] + arguments + common)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
        }
        #expect(try files.map(digest) == before, "a read-only migrate run changed a database file")
    }
}
