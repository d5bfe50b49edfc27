import ArgumentParser
import DictMigrations
import DictStore
import DictionaryCore
import DictionaryImport
import Foundation

/// `dict export`: writes entries to JSON, JSON Lines, CSV or a real SQLite file and records it in `export_history`.
/// JSON Lines and CSV are what `dict import entries` reads, so an export imports back into a fresh dictionary.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export dictionary entries to JSON, JSON Lines, CSV or a SQLite database file.",
        discussion: """
            jsonl writes one entry per line in the shape `dict import entries` reads (with its relations), and csv \
            has exactly the import's columns, so `dict export --format jsonl --output - | dict import entries - \
            --format jsonl --data-dir OTHER` copies a dictionary. `--output -` writes to standard output (the \
            summary line then goes to standard error). --database (or $DICT_DATABASE_URL) exports from PostgreSQL's \
            dictionary schema (the same entries, order and columns).
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var database: DatabaseURLOption

    @Option(help: "File format.")
    var format: ExportFormat = .json

    @Option(help: "Output file, or - for standard output (default: dict-export-<date>.<ext> here). Never overwritten.", completion: .file())
    var output: String?

    @Option(name: .customLong("lang"), parsing: .upToNextOption, help: "Only these languages.")
    var languages: [Language] = []

    @Option(name: .customLong("type"), parsing: .upToNextOption, help: "Only these term types.")
    var types: [TermType] = []

    @Option(name: .customLong("min-quality"), help: "Only entries with overall score ≥ this (0–100).")
    var minQuality: Double?

    @Option(help: "At most this many entries.")
    var limit: Int?

    func run() async throws {
        let toStandardOutput = output == "-"
        let postgres = try database.location()
        // A missing data directory is one line and exit 3 before anything else happens.
        let sqlite = postgres == nil ? try ExistingDatabase.open(dataDirectory: global.dataDirectory) : nil
        // Standard output: the exporter writes a fresh file, which is then copied to stdout and removed.
        let scratch = toStandardOutput ? FileManager.default.temporaryDirectory.appendingPathComponent("dict-export-\(UUID().uuidString)") : nil
        let path = scratch.map { $0.appendingPathComponent("export.\(format.fileExtension)").path }
            ?? output ?? "dict-export-\(Timestamp.day(Date())).\(format.fileExtension)"
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
        do {
            if let scratch { try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true) }
            let filter = ExportFilter(
                languages: languages.map(\.rawValue), types: types.map(\.rawValue), minQuality: minQuality, limit: limit)
            let result: ExportResult
            if let postgres {
                result = try await Service.dictionary.withPostgres(postgres) { session in
                    try await PostgresEntryExporter(session: session).writeExport(format: format, filter: filter, to: path, requestedBy: "cli")
                }
            } else if let sqlite {
                result = try EntryExporter(database: sqlite).export(format: format, filter: filter, to: path)
            } else {
                throw ExitStatus.dataError  // unreachable: one of the two engines is always chosen above
            }
            if toStandardOutput {
                guard let input = FileHandle(forReadingAtPath: path) else { throw ExportError.cannotWrite(path: "-", reason: "lost the scratch file") }
                defer { try? input.close() }
                while let chunk = try input.read(upToCount: 1 << 16), !chunk.isEmpty { FileHandle.standardOutput.write(chunk) }
            }
            let shownPath = toStandardOutput ? "standard output" : result.path
            if global.json {
                let object: [String: Any] = ["export_id": result.id, "format": result.format.rawValue, "path": toStandardOutput ? "-" : result.path,
                                             "entry_count": result.entryCount, "size_bytes": result.sizeBytes]
                let line = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
                if toStandardOutput { FileHandle.standardError.write(Data((line + "\n").utf8)) } else { print(line) }
            } else {
                let line = "exported \(result.entryCount) entries to \(shownPath) (\(result.sizeBytes) bytes, export \(result.id))"
                if toStandardOutput { FileHandle.standardError.write(Data((line + "\n").utf8)) } else { print(line) }
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
