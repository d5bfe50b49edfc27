import DictTesting
import Foundation
import Testing

/// Issue 14, item 1: read commands refuse a missing or unmigrated data directory (exit 3, one line saying what to
/// run) and never create one.
@Suite struct DataDirectoryCLITests {
    static let readCommands: [[String]] = [
        ["search", "allegro"], ["lookup", "allegro"], ["export", "--format", "json", "--output", "-"],
        ["analytics", "popular"], ["eval"], ["serve", "--port", "0"],
    ]

    @Test(arguments: DataDirectoryCLITests.readCommands)
    func missingDataDirectoryIsRefusedAndNotCreated(command: [String]) throws {
        let directory = try TemporaryDirectory()
        let missing = directory.url.appendingPathComponent("nonexistent")
        let result = try CLIFixture.run(command + ["--data-dir", missing.path])
        #expect(result.status == 3, "\(command): \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("dict: ") && lines[0].contains("dict migrate"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing.path), "\(command) created the data directory")
    }

    @Test func defaultDataDirectoryIsNotCreatedInTheWorkingFolder() throws {
        let directory = try TemporaryDirectory()
        let result = try CLIFixture.run(["search", "allegro"], in: directory.url, environment: ["DICT_DATA_DIR": ""])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(".dict").path))
    }

    @Test(arguments: DataDirectoryCLITests.readCommands)
    func unmigratedDatabaseIsRefused(command: [String]) throws {
        let directory = try TemporaryDirectory()
        // An empty file is a SQLite database with no tables: every migration pending.
        FileManager.default.createFile(atPath: directory.url.appendingPathComponent("dictionary.db").path, contents: Data())
        let result = try CLIFixture.run(command + ["--data-dir", directory.path])
        #expect(result.status == 3, "\(command): \(result.stderr)")
        #expect(result.stderr.contains("pending migration") && result.stderr.contains("dict migrate"), "\(result.stderr)")
    }

    @Test func migrateAndImportCreateTheDataDirectory() throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        let search = try CLIFixture.run(["search", "crescendo", "--mode", "exact"] + common)
        #expect(search.status == 0, "\(search.stderr)")
        // `import` alone (no migrate first) creates and migrates a fresh directory too.
        let other = directory.url.appendingPathComponent("other")
        let imported = try CLIFixture.run(["import", "entries", directory.url.appendingPathComponent("entries.jsonl").path, "--data-dir", other.path])
        #expect(imported.status == 0, "\(imported.stderr)")
    }
}
