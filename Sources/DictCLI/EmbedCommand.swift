import ArgumentParser
import DictEmbedding
import DictMigrations
import DictionaryService
import Foundation

/// `dict embed`: gives every entry vectors for the local model — one per sense where the definition has
/// several — through the embedding queue, so an interrupted run resumes where it stopped.
struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed every entry lacking (or with stale) vectors for the local model into term_embeddings.",
        discussion: """
            Queues entries whose vectors are missing or whose text changed, then works the queue in batches: each \
            batch is embedded in one call, and each entry's vectors are written in a transaction together with its \
            queue item's completion. Interrupting is safe; running again continues. WordPiece tokens are metered \
            in ai_token_usage / ai_model_usage (the local model's budget is unlimited by default).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("model-dir"), help: "The all-MiniLM-L6-v2 folder (default: $DICT_MODEL_DIR or ./models/all-MiniLM-L6-v2).")
    var modelDir: String?

    @Option(name: .customLong("batch-size"), help: "Entries per batch.")
    var batchSize: Int = 64

    @Option(help: "Threads encoding shards of each batch concurrently (default: $DICT_ENCODER_THREADS, else --threads).")
    var workers: Int?

    @OptionGroup var compute: ComputeOptions

    @Option(help: "Stop after this many entries (default: all).")
    var limit: Int?

    func validate() throws {
        guard (1...4096).contains(batchSize) else { throw ValidationError("--batch-size: expected 1 to 4096, found \(batchSize)") }
        if let limit, limit < 1 { throw ValidationError("--limit: expected a positive number, found \(limit)") }
    }

    func run() throws {
        let configuration = try compute.resolve(encoderThreads: workers)
        let embedder: MiniLMEmbedder
        do {
            embedder = try MiniLMEmbedder(locator: ModelLocator(explicitPath: modelDir), workers: configuration.encoderThreads)
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
        do {
            let database = try Service.dictionary.open(dataDirectory: global.dataDirectory)
            let queue = EmbeddingQueue(database: database)
            let missing = try queue.enqueueMissing(model: embedder.modelName)
            let stale = try queue.enqueueStale(model: embedder.modelName)
            let pending = try database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM embedding_queue WHERE model = ? AND status = 'pending'",
                                 arguments: [embedder.modelName]) ?? 0
            }
            let total = min(pending, limit ?? pending)
            let progress = ProgressReporter(label: "embed", total: total, quiet: global.json)
            let ledger = TokenLedger(database: database, budget: QueueConfiguration().budget)
            var processor = EmbeddingQueueProcessor(
                queue: queue, ledger: ledger, embedder: embedder, writer: TermEmbeddingWriter(), batchSize: batchSize)
            let owner = "dict-embed-\(ProcessInfo.processInfo.processIdentifier)"
            var totals = EmbeddingRunReport()
            while totals.embedded + totals.entriesGone + totals.deadLettered < total {
                processor.batchSize = min(batchSize, total - (totals.embedded + totals.entriesGone + totals.deadLettered))
                let report = try processor.runOnce(owner: owner)
                totals.claimed += report.claimed
                totals.embedded += report.embedded
                totals.vectorsWritten += report.vectorsWritten
                totals.entriesGone += report.entriesGone
                totals.deadLettered += report.deadLettered
                totals.retriesScheduled += report.retriesScheduled
                totals.tokensUsed += report.tokensUsed
                totals.errors += report.errors
                progress.advance(by: report.embedded + report.entriesGone + report.deadLettered)
                if report.claimed == 0 || report.budgetExhausted { break }
            }
            progress.finish()
            for error in totals.errors.prefix(10) { printError(error) }
            if global.json {
                let body: [String: Any] = [
                    "model": embedder.modelName, "queued_missing": missing, "queued_stale": stale,
                    "entries_embedded": totals.embedded, "vectors_written": totals.vectorsWritten,
                    "tokens": totals.tokensUsed, "retries_scheduled": totals.retriesScheduled,
                    "dead_lettered": totals.deadLettered,
                ]
                print(String(decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self))
            } else {
                print("embedded \(totals.embedded) entries (\(totals.vectorsWritten) vectors, \(totals.tokensUsed) WordPiece tokens) with \(embedder.modelName); \(missing) were missing, \(stale) stale")
            }
            if totals.deadLettered > 0 || totals.retriesScheduled > 0 { throw ExitStatus.dataError }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }
}
