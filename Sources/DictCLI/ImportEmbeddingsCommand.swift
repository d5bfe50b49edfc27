import ArgumentParser
import DictEmbedding
import DictMigrations
import DictPostgres
import DictVectors
import DictionaryCore
import DictionaryImport
import Foundation

/// `dict import embeddings FILE`: precomputed vectors from JSONL, `.npy` or raw float32, in one transaction.
struct ImportEmbeddingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embeddings",
        abstract: "Import precomputed embeddings from JSONL, .npy or raw float32 (all or nothing unless --skip-invalid).",
        discussion: """
            JSONL: one object per line with "entry_id" (or "term" and "lang"), "vector" (or "embedding"), and optionally \
            "model" (must equal --model) and "chunk". .npy (float32, shape rows × dimension) and .f32 (headerless \
            little-endian float32 rows) need --ids: a text file with one entry id per row. Vectors must have --dimension \
            components, be finite and non-zero. A bad line aborts with file:line and nothing is written, unless \
            --skip-invalid is given. With --database URL (or DICT_DATABASE_URL) the vectors go into PostgreSQL, with the \
            same checks and results.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption

    @Argument(help: "The file to import (- for standard input, with --format).", completion: .file(extensions: ["jsonl", "npy", "f32"]))
    var file: String

    @Option(help: "File format (default: from the file extension).")
    var format: EmbeddingFileFormat?

    @Option(help: "Id list for .npy and .f32 files: one entry id per line, in row order.")
    var ids: String?

    @Option(help: "Model name the vectors are stored under.")
    var model: String = MiniLMEmbedder.modelName

    @Option(help: "The model's dimension; every vector must have this many components.")
    var dimension: Int = 384

    @Flag(name: .customLong("skip-invalid"), help: "Report bad lines on stderr and import the rest.")
    var skipInvalid = false

    func run() async throws {
        guard let format = format ?? EmbeddingFileFormat(path: file) else {
            printError("cannot tell the format of \(file) from its extension; pass --format jsonl|npy|f32")
            throw ExitStatus.usage
        }
        if format.needsIDList, ids == nil {
            printError("--ids FILE is required for \(format.rawValue) files (one entry id per row)")
            throw ExitStatus.usage
        }
        if !format.needsIDList, ids != nil {
            printError("--ids applies to npy and f32 files only; JSONL lines name their entry themselves")
            throw ExitStatus.usage
        }
        let store: EmbeddingStore
        do { store = try EmbeddingStore(model: model, dimension: dimension) } catch {
            printError("\(error)")
            throw ExitStatus.usage
        }
        let postgres = try database.location()
        var progress: ProgressReporter?
        do {
            let progressHandler: (Int, Int) -> Void = { done, total in
                if progress == nil { progress = ProgressReporter(label: "embeddings", total: total, quiet: global.json) }
                progress?.advance(by: done - (progress?.done ?? 0))
            }
            let report: EmbeddingFileImportReport
            if let postgres {
                report = try await Service.dictionary.withPostgres(postgres) { session in
                    try await PostgresEmbeddingFileImporter(session: session, model: store.model, dimension: store.dimension)
                        .importFile(at: file, format: format, idList: ids, skipInvalid: skipInvalid, progress: progressHandler)
                }
            } else {
                let database = try Service.dictionary.open(dataDirectory: global.dataDirectory)
                report = try EmbeddingFileImporter(database: database, store: store)
                    .importFile(at: file, format: format, idList: ids, skipInvalid: skipInvalid, progress: progressHandler)
            }
            progress?.finish()
            ImportOptions.reportSkipped(report.skipped, file: format.needsIDList ? (ids ?? file) : file)
            if global.json {
                try JSONOutput.print(Summary(
                    file: file, format: format.rawValue, model: report.model, dimension: report.dimension, records: report.records,
                    written: report.written, skipped: report.skipped.map { .init(line: $0.line, reason: $0.reason) }))
            } else {
                print("imported \(report.written) \(report.model) vectors (\(report.dimension)-d) from \(file); \(report.skipped.count) skipped")
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
        var model: String
        var dimension: Int
        var records: Int
        var written: Int
        var skipped: [ImportOptions.Skipped]
    }
}
