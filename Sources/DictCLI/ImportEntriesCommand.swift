import ArgumentParser
import DictMigrations
import DictPostgres
import DictionaryCore
import DictionaryImport
import Foundation

/// `dict import entries FILE`: a user's entries from JSONL or CSV, in one transaction.
struct ImportEntriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entries",
        abstract: "Import entries from a JSONL or CSV file (all or nothing unless --skip-invalid).",
        discussion: """
            JSONL: one entry object per line, the glossary's shape (term, lang, type, definition, metadata, quality_score). \
            CSV: a header row with term,lang,type,concise,detailed and optionally etymology,usage_example,synonyms,\
            related_terms,overall; list cells are separated by "; "; RFC 4180 quoting (quoted fields may span lines). \
            A bad record aborts the import with file:line and nothing is written, unless --skip-invalid is given. \
            With --database URL (or DICT_DATABASE_URL) the entries go into PostgreSQL, with the same checks and results.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption

    @Argument(help: "The file to import, or - for standard input (then --format is needed).", completion: .file(extensions: ["jsonl", "ndjson", "csv"]))
    var file: String

    @Option(help: "File format (default: from the file extension).")
    var format: EntryFileFormat?

    @Flag(name: .customLong("skip-invalid"), help: "Report bad records on stderr and import the rest.")
    var skipInvalid = false

    @Option(name: .customLong("on-existing"), help: "What to do with a term that already exists: replace | skip | fail.")
    var onExisting: String = "replace"

    func run() async throws {
        let policy = try ImportOptions.existingPolicy(onExisting)
        guard let format = format ?? EntryFileFormat(path: file) else {
            printError("cannot tell the format of \(file == "-" ? "standard input" : file) from its extension; pass --format jsonl|csv")
            throw ExitStatus.usage
        }
        let postgres = try database.location()
        var progress: ProgressReporter?
        do {
            let progressHandler: (Int, Int) -> Void = { done, total in
                if progress == nil { progress = ProgressReporter(label: "entries", total: total, quiet: global.json) }
                progress?.advance(by: done - (progress?.done ?? 0))
            }
            let report: EntryFileImportReport
            if let postgres {
                report = try await Service.dictionary.withPostgres(postgres) { session in
                    let importer = PostgresEntryFileImporter(session: session, method: try ImportWordNetCommand.bulkMethod())
                    return file == "-"
                        ? try await importer.importData(
                            FileHandle.standardInput.readDataToEndOfFile(), name: "<stdin>", format: format, onExisting: policy,
                            skipInvalid: skipInvalid, progress: progressHandler)
                        : try await importer.importFile(at: file, format: format, onExisting: policy, skipInvalid: skipInvalid, progress: progressHandler)
                }
            } else {
                let database = try Service.dictionary.open(dataDirectory: global.dataDirectory)
                let importer = EntryFileImporter(repository: EntryRepository(database: database))
                report = file == "-"
                    ? try importer.importData(
                        FileHandle.standardInput.readDataToEndOfFile(), name: "<stdin>", format: format, onExisting: policy,
                        skipInvalid: skipInvalid, progress: progressHandler)
                    : try importer.importFile(at: file, format: format, onExisting: policy, skipInvalid: skipInvalid, progress: progressHandler)
            }
            progress?.finish()
            ImportOptions.reportSkipped(report.skipped, file: file)
            if global.json {
                try JSONOutput.print(Summary(
                    file: file, format: format.rawValue, records: report.records, written: report.written, kept: report.kept,
                    skipped: report.skipped.map { .init(line: $0.line, reason: $0.reason) },
                    relationsCreated: report.relationsCreated, unresolvedNames: report.unresolvedNames))
            } else {
                print("imported \(report.written) entries from \(file) (\(report.kept) kept, \(report.skipped.count) skipped); \(report.relationsCreated) relations created, \(report.unresolvedNames) related names not in the dictionary")
            }
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }

    /// The `--json` output.
    struct Summary: Encodable {
        var file: String
        var format: String
        var records: Int
        var written: Int
        var kept: Int
        var skipped: [ImportOptions.Skipped]
        var relationsCreated: Int
        var unresolvedNames: Int

        enum CodingKeys: String, CodingKey {
            case file, format, records, written, kept, skipped
            case relationsCreated = "relations_created"
            case unresolvedNames = "unresolved_names"
        }
    }
}
