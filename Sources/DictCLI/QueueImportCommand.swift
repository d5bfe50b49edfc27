import ArgumentParser
import DictMigrations
import DictionaryCore
import DictionaryQueues
import Foundation

/// `dict queue import FILE`: queues newline-separated terms (≤ 50,000 characters, ≤ 500 terms, lines ≤ 100
/// characters), reporting duplicates and rejected lines.
struct QueueImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Queue terms from a newline-separated file.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption

    @Argument(help: "A UTF-8 text file, one term per line; - for standard input.", completion: .file())
    var file: String

    @Option(name: .customLong("lang"), parsing: .upToNextOption, help: "Languages (default: all six).")
    var languages: [String] = []

    @Option(help: "Priority 1 (lowest) to 10.")
    var priority = 5

    func run() async throws {
        guard let data = InputFile.contents(of: file) else {
            printError("cannot read \(file)")
            throw ExitStatus.notFound
        }
        guard let text = String(data: data, encoding: .utf8) else {
            printError("\(file) is not valid UTF-8")
            throw ExitStatus.dataError
        }
        let codes = languages.isEmpty ? SeedLanguages.supported : languages.flatMap { $0.split(separator: ",").map(String.init) }
        let report: BulkImportReport
        if let postgres = try database.location() {
            report = try await queueAction {
                try await Service.dictionary.withPostgres(postgres) { session in
                    try await PostgresSeedQueue(session: session).bulkImport(text: text, languages: codes, priority: priority)
                }
            }
        } else {
            let database = try openDictionary(global)
            report = try queueAction { try SeedQueue(database: database).bulkImport(text: text, languages: codes, priority: priority) }
        }
        if global.json { return try printJSON(report) }
        print("submitted \(report.totalSubmitted), queued \(report.queued.count), duplicates \(report.duplicates.count), rejected \(report.rejected.count)")
        for item in report.duplicates { print("  duplicate: \(item.term) (\(item.reason))") }
        for item in report.rejected { print("  rejected: \(item.term) (\(item.reason))") }
    }
}
