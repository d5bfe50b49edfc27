import ArgumentParser
import DictMigrations
import DictStore
import DictionaryService
import Foundation

/// `dict export`: writes entries to JSON, CSV or a real SQLite file and records it in `export_history`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export dictionary entries to JSON, CSV or a SQLite database file."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "json, csv or sqlite.")
    var format: String = "json"

    @Option(help: "Output file (default: dict-export-<date>.<ext> in the current directory). Never overwritten.")
    var output: String?

    @Option(name: .customLong("lang"), parsing: .upToNextOption, help: "Only these languages (en es fr de zh-CN zh-TW).")
    var languages: [String] = []

    @Option(name: .customLong("type"), parsing: .upToNextOption, help: "Only these term types.")
    var types: [String] = []

    @Option(name: .customLong("min-quality"), help: "Only entries with overall score ≥ this (0–100).")
    var minQuality: Double?

    @Option(help: "At most this many entries.")
    var limit: Int?

    func run() throws {
        guard let format = ExportFormat(rawValue: format) else {
            printError("--format: expected json, csv or sqlite, found \(self.format)")
            throw ExitStatus.usage
        }
        let path = output ?? "dict-export-\(Timestamp.day(Date())).\(format.fileExtension)"
        do {
            let database = try Service.dictionary.open(dataDirectory: global.dataDirectory)
            let filter = ExportFilter(languages: languages, types: types, minQuality: minQuality, limit: limit)
            let result = try EntryExporter(database: database).export(format: format, filter: filter, to: path)
            if global.json {
                let object: [String: Any] = ["export_id": result.id, "format": result.format.rawValue, "path": result.path,
                                             "entry_count": result.entryCount, "size_bytes": result.sizeBytes]
                print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            } else {
                print("exported \(result.entryCount) entries to \(result.path) (\(result.sizeBytes) bytes, export \(result.id))")
            }
        } catch let error as ExportError {
            printError("\(error)")
            throw ExitStatus.usage
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }
}
