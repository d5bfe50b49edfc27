import ArgumentParser
import DictEmbedding
import DictMigrations
import DictStore
import DictionaryCore
import DictionaryGeneration
import DictionaryQueues
import DictionarySearch
import Foundation

/// `dict embed`: gives every entry vectors for a local model — one per sense where the definition has
/// several — through the embedding queue, so an interrupted run resumes where it stopped. `--model NAME` picks the
/// model; a run that leaves every entry with its vectors records it as the data directory's semantic model
/// (`SemanticModelChoice`), which is how search changes model: never silently.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed every entry lacking (or with stale) vectors for a local model into term_embeddings.",
        discussion: """
            Queues entries whose vectors are missing or whose text changed, then works the queue in batches: each \
            batch is embedded in one call, and each entry's vectors are written in a transaction together with its \
            queue item's completion. Interrupting is safe; running again continues. Tokens are metered in \
            ai_token_usage / ai_model_usage (the local models' budget is unlimited by default).

            --model: all-MiniLM-L6-v2 or multilingual-e5-small (texts embedded as "passage: …", as its model card \
            requires; queries are embedded as "query: …"). Without it, the data directory's semantic model (the one \
            `dict doctor` shows; all-MiniLM-L6-v2 in a new directory). When the run leaves every entry with vectors \
            of the model, it becomes the model search, serve and eval use; until then they keep the previous one.

            With multilingual-e5-small the run then brings its English companion's vectors (all-MiniLM-L6-v2) up to \
            date the same way: English queries are searched with both models blended (docs/search.md, "English \
            companion"). --no-companion skips that; the companion is never recorded as the semantic model.

            --database (or $DICT_DATABASE_URL) embeds into a PostgreSQL database: the entries lacking (or with \
            stale) vectors are found by one scan instead of a queue, each batch's vectors replace its entries' \
            in one transaction (so an interrupted run also resumes), and tokens are not metered there yet.
            """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var database: DatabaseURLOption

    @Option(help: "The embedding model (default: the data directory's semantic model, else all-MiniLM-L6-v2).")
    var model: SemanticModel?

    @Option(name: .customLong("model-dir"), help: "The model's folder (default: $DICT_MODEL_DIR or ./models/all-MiniLM-L6-v2; for multilingual-e5-small $DICT_E5_MODEL_DIR or ./models/multilingual-e5-small).")
    var modelDir: String?

    // 256: the writes amortize and the last batch, encoded while the other core has nothing left, stays short
    // (10k WordNet entries, two batches in flight: 64 → 36.0 s, 256 → 34.3 s, 1,024 → 32.7 s, most of that gain
    // lost again to the tail of a whole run); a batch is still a few seconds of work to redo after a crash.
    @Option(name: .customLong("batch-size"), help: "Entries per batch.")
    var batchSize: Int = 256

    @Option(help: "Batches encoded concurrently, one thread each (default: $DICT_ENCODER_THREADS, else --threads).")
    var workers: Int?

    @OptionGroup var compute: ComputeOptions

    @Option(help: "Stop after this many entries (default: all).")
    var limit: Int?

    @Flag(name: .customLong("no-companion"), help: "With multilingual-e5-small: skip its English companion's (all-MiniLM-L6-v2) vectors.")
    var noCompanion = false

    func validate() throws {
        guard (1...4096).contains(batchSize) else { throw ValidationError("--batch-size: expected 1 to 4096, found \(batchSize)") }
        if let limit, limit < 1 { throw ValidationError("--limit: expected a positive number, found \(limit)") }
    }

    func run() async throws {
        let configuration = try compute.resolve(encoderThreads: workers)
        if let postgres = try database.location() {
            try await runPostgres(postgres, threads: configuration.encoderThreads)
            return
        }
        let database: StoreDatabase
        let chosen: SemanticModel
        do {
            database = try Service.dictionary.open(dataDirectory: global.dataDirectory)
            chosen = try model ?? SemanticModelChoice.resolve(database).model
            try recordImplicitChoice(database, before: chosen)
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
        let embedder: any Embedder
        let queryEmbedder: any Embedder
        do {
            // One worker per batch, `encoderThreads` batches at once (`EmbeddingQueueProcessor.run`).
            (embedder, queryEmbedder) = try chosen.load(modelDirectory: modelDir, workers: 1)
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
        do {
            let (missing, stale, totals) = try embedThroughQueue(embedder, database: database, threads: configuration.encoderThreads)
            let switchNote = try recordIfComplete(chosen, dimension: embedder.dimension, database: database)
            let shifts = try takeLanguageShifts(chosen, queries: queryEmbedder, changed: totals.embedded > 0, database: database)
            let companion = try embedCompanion(of: chosen, database: database, threads: configuration.encoderThreads)
            if global.json {
                let body: [String: Any] = [
                    "model": embedder.modelName, "queued_missing": missing, "queued_stale": stale,
                    "entries_embedded": totals.embedded, "vectors_written": totals.vectorsWritten,
                    "tokens": totals.tokensUsed, "retries_scheduled": totals.retriesScheduled,
                    "dead_lettered": totals.deadLettered,
                    "semantic_model": try SemanticModelChoice.resolve(database).model.rawValue,
                    "language_shifts": shifts.map { ["languages": $0.languages, "pairs": $0.pairs] } ?? NSNull(),
                    "companion": companion?.json ?? NSNull(),
                ]
                print(String(decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self))
            } else {
                print("embedded \(totals.embedded) entries (\(totals.vectorsWritten) vectors, \(totals.tokensUsed) tokens) with \(embedder.modelName); \(missing) were missing, \(stale) stale")
                if let companion { print(companion.summary) }
            }
            if let switchNote { printError("note: \(switchNote)") }
            if let shifts, !global.json {
                print("took the query shifts of \(shifts.languages) languages from \(shifts.pairs) translated definitions (docs/search.md, \"Language shift\")")
            }
            let failed = [totals] + (companion.map { [$0.totals] } ?? [])
            if failed.contains(where: { $0.deadLettered > 0 || $0.retriesScheduled > 0 }) { throw ExitStatus.dataError }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw ExitStatus.dataError
        }
    }

    /// Queues the entries lacking (or with stale) vectors of `embedder`'s model and works them off, `threads`
    /// batches at once (at most `--limit`); returns the queued counts and the run's totals.
    private func embedThroughQueue(_ embedder: any Embedder, database: StoreDatabase, threads: Int) throws
        -> (missing: Int, stale: Int, totals: EmbeddingRunReport) {
        let queue = EmbeddingQueue(database: database)
        let missing = try queue.enqueueMissing(model: embedder.modelName)
        let stale = try queue.enqueueStale(model: embedder.modelName)
        let pending = try queue.openCounts(model: embedder.modelName).pending
        let total = min(pending, limit ?? pending)
        let progress = ProgressReporter(label: "embed \(embedder.modelName)", total: total, quiet: global.json)
        let ledger = TokenLedger(database: database, budget: QueueConfiguration().budget)
        let processor = EmbeddingQueueProcessor(
            queue: queue, ledger: ledger, embedder: embedder, writer: TermEmbeddingWriter(), batchSize: batchSize)
        let owner = "dict-embed-\(ProcessInfo.processInfo.processIdentifier)"
        // Pipelined: a batch per encoder thread is encoded while finished ones are written and the next claimed.
        let totals = try processor.run(owner: owner, limit: total, batchesInFlight: threads) { report in
            progress.advance(by: report.embedded + report.entriesGone + report.deadLettered)
            if report.budgetExhausted {
                printError("the daily token budget of \(embedder.modelName) is used up: `dict queue budget` shows it")
            }
        }
        progress.finish()
        for error in totals.errors.prefix(10) { printError(error) }
        return (missing, stale, totals)
    }

    /// The English companion's vectors (`SemanticModel.englishCompanion`, searched beside `model` for English
    /// queries), brought up to date after the model's own unless `--no-companion`; nil when `model` has none or is
    /// not (yet) the recorded semantic model (a partial run must not leave two models' vectors and no choice). Never
    /// recorded itself. Missing companion files skip it with a note (search needs them once its vectors are stored).
    private func embedCompanion(of model: SemanticModel, database: StoreDatabase, threads: Int) throws -> CompanionEmbedReport? {
        guard let embedder = companionEmbedder(of: model, recorded: try SemanticModelChoice.stored(in: database).recorded) else { return nil }
        let (missing, stale, totals) = try embedThroughQueue(embedder, database: database, threads: threads)
        return CompanionEmbedReport(model: embedder.modelName, missing: missing, stale: stale, totals: totals)
    }

    /// The passage embedder of `model`'s English companion, when this run brings its vectors up to date: `model` has
    /// one, is the `recorded` semantic model, and `--no-companion` is not given. Missing companion files print a note.
    func companionEmbedder(of model: SemanticModel, recorded: String?) -> (any Embedder)? {
        guard let english = model.englishCompanion, !noCompanion, recorded == model.rawValue else { return nil }
        do {
            return try english.load(modelDirectory: nil, workers: 1).passages
        } catch {
            printError("note: the English companion's vectors (\(english.rawValue)) were not brought up to date: \(error)")
            return nil
        }
    }

    /// Takes `model`'s query language shifts (`LanguageShiftSample`) when it shifts queries and they are missing or
    /// entries were embedded in this run (the dictionary changed); returns what was taken, nil when nothing was.
    private func takeLanguageShifts(_ model: SemanticModel, queries: any Embedder, changed: Bool, database: StoreDatabase) throws
        -> (languages: Int, pairs: Int)? {
        guard LanguageShiftSample.shiftsQueries(model), queries.modelName == model.rawValue else { return nil }
        let store = SQLiteLanguageShiftStore(database: database)
        // A stored row that cannot be read is taken again, as its error says.
        let stored = try? store.shifts(model: model.rawValue, dimension: queries.dimension)
        guard changed || stored?.isEmpty != false else { return nil }
        let shifts = try LanguageShiftSample.shifts(of: try store.samplePairs(), embedder: queries)
        guard !shifts.isEmpty else { return nil }
        try store.replace(model: model.rawValue, dimension: queries.dimension, shifts: shifts)
        return (shifts.count, shifts.values.reduce(0) { $0 + $1.count })
    }

    /// A directory whose search model was implicit (one model's vectors, nothing recorded) gets it recorded before
    /// another model's (`next`) vectors arrive, so a partial run of a new model never makes the choice ambiguous.
    private func recordImplicitChoice(_ database: StoreDatabase, before next: SemanticModel) throws {
        let (recorded, stored) = try SemanticModelChoice.stored(in: database)
        let runnable = stored.compactMap(SemanticModel.init(rawValue:))
        guard recorded == nil, runnable.count == 1, let current = runnable.first, current != next else { return }
        let dimension = try DictionaryStatistics(database: database).storedDimension(model: current.rawValue) ?? current.dimension
        try SemanticModelChoice.record(current, dimension: dimension, in: database)
    }

    /// Records `model` as the semantic model when every entry has its vectors and none of its queue items is open;
    /// returns a note when the model changed or when it could not be recorded yet.
    private func recordIfComplete(_ model: SemanticModel, dimension: Int, database: StoreDatabase) throws -> String? {
        let coverage = try DictionaryStatistics(database: database).coverage(model: model.rawValue)
        let queued = try EmbeddingQueue(database: database).openCounts(model: model.rawValue)
        let (lacking, open, entries) = (coverage.entries - coverage.coveredEntries, queued.pending + queued.processing, coverage.entries)
        let current = try SemanticModelChoice.stored(in: database).recorded
        guard lacking == 0, open == 0, entries > 0 else {
            guard current != model.rawValue else { return nil }
            return "\(model.rawValue) vectors are incomplete (\(entries - lacking) of \(entries) entries, \(open) queued): "
                + "search keeps using \(current ?? SemanticModel.defaultModel.rawValue) until `dict embed --model \(model.rawValue)` completes"
        }
        guard current != model.rawValue else { return nil }
        try SemanticModelChoice.record(model, dimension: dimension, in: database)
        // Recording the default a directory already used is no change worth a note.
        if current == nil && model == SemanticModel.defaultModel { return nil }
        return "semantic model changed from \(current ?? "the default (\(SemanticModel.defaultModel.rawValue))") to \(model.rawValue): "
            + "search, serve and eval now embed queries with it"
    }
}

