import ArgumentParser
import DictMigrations
import DictPostgres
import DictionaryCore
import DictionaryImport
import Foundation

/// `dict import …`: loads bundled or external data into the dictionary database.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import dictionary data.",
        subcommands: [GlossaryImportCommand.self, ImportWordNetCommand.self, ImportEntriesCommand.self, ImportEmbeddingsCommand.self,
                      ImportFrequenciesCommand.self]
    )
}

/// `dict import glossary [PATHS…]`: the bundled glossary JSONL files, in one transaction.
struct GlossaryImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossary",
        abstract: "Import glossary JSONL files (default: every data/glossary/*.jsonl under the current directory)."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption

    @Argument(help: "JSONL files to import (- for standard input).", completion: .file(extensions: ["jsonl"]))
    var paths: [String] = []

    @Option(name: .customLong("on-existing"), help: "What to do with a term that already exists: replace | skip | fail.")
    var onExisting: String = "replace"

    func run() async throws {
        let policy = try ImportOptions.existingPolicy(onExisting)
        let files = paths.isEmpty ? GlossaryImporter.defaultFiles(from: FileManager.default.currentDirectoryPath) : paths
        guard !files.isEmpty else {
            printError("\(GlossaryImporter.ImportError.noFiles(searched: FileManager.default.currentDirectoryPath + "/data/glossary"))")
            throw ExitStatus.dataError
        }
        do {
            let report: GlossaryImporter.Report
            if let postgres = try database.location() {
                report = try await Service.dictionary.withPostgres(postgres) { session in
                    try await GlossaryImporter.importFiles(files, into: PostgresEntryImportStore(session: session), onExisting: policy)
                }
            } else {
                let database = try Service.dictionary.open(dataDirectory: global.dataDirectory)
                report = try GlossaryImporter(repository: EntryRepository(database: database)).importFiles(files, onExisting: policy)
            }
            if global.json {
                let body: [String: Int] = ["files": report.files, "entries": report.stored, "relations_created": report.relationsCreated,
                                           "unresolved_names": report.unresolvedNames]
                let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("imported \(report.stored) entries from \(report.files) file(s); \(report.relationsCreated) relations created, \(report.unresolvedNames) related names not in the dictionary")
            }
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }
}
