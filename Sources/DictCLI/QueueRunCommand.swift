import ArgumentParser
import DictMigrations
import DictionaryCore
import DictionaryGeneration
import DictionaryQueues
import Foundation

/// `dict queue run`: processes the seed queue once, or as a `--watch` worker until SIGINT/SIGTERM.
struct QueueRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Generate entries for queued terms (needs DICT_GENERATOR_URL and DICT_GENERATOR_MODEL).",
        discussion: """
            Without a configured generator the queue is left untouched and the exit status is 3. With --watch the \
            worker keeps claiming items; SIGINT or SIGTERM lets it release its current item and exit.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var config: QueueConfigurationOptions
    @OptionGroup var database: DatabaseURLOption

    @Flag(help: "Keep running: poll for work until interrupted.")
    var watch = false

    @Option(name: .customLong("batch-size"), help: "Items claimed per round (default 5).")
    var batchSize: Int?

    @Option(name: .customLong("lease-seconds"), help: "Lease length per claim and renewal (default 300).")
    var leaseSeconds: Double?

    @Option(name: .customLong("poll-seconds"), help: "Sleep between empty rounds with --watch (default 5).")
    var pollSeconds: Double?

    @Option(name: .customLong("timeout-seconds"), help: "Generator request timeout (default 60).")
    var timeoutSeconds: Double?

    @Option(name: .customLong("max-attempts"), help: "Claims before an item is dead-lettered (default 3).")
    var maxAttempts: Int?

    @Option(name: .customLong("retry-base-seconds"), help: "First retry delay, doubled per attempt up to 5 minutes (default 5).")
    var retryBaseSeconds: Double?

    @Option(name: .customLong("worker-id"), help: "Lease owner name (default: host:pid).")
    var workerID: String?

    func run() async throws {
        var overrides = QueueConfiguration.Overrides()
        overrides.batchSize = batchSize
        overrides.leaseSeconds = leaseSeconds
        overrides.pollSeconds = pollSeconds
        overrides.timeoutSeconds = timeoutSeconds
        overrides.maxAttempts = maxAttempts
        overrides.retryBaseSeconds = retryBaseSeconds
        let configuration = try config.load(dataDirectory: global.dataDirectory, overrides: overrides)
        guard let generatorConfiguration = configuration.generator else {
            printError("no definition generator configured: set \(QueueConfiguration.generatorRequirements.joined(separator: " and ")) (and \(GeneratorConfiguration.apiKeyVariable) if the endpoint needs a key); the queue was not touched")
            throw ExitStatus.dataError
        }
        let generator = OpenAICompatibleGenerator(configuration: generatorConfiguration)
        let embeddingModels = [configuration.seed.embeddingModel].compactMap { $0 }
        // host:pid lets the token ledger reclaim this worker's reservation at once if it is killed.
        let owner = workerID ?? ReservationHolder.currentProcess
        let shutdown = QueueShutdownSignal()
        let total: SeedRunReport
        if let postgres = try database.location() {
            total = try await queueAction {
                try await Service.dictionary.withPostgresPool(postgres) { session in
                    let processor = PostgresSeedProcessor(
                        queue: PostgresSeedQueue(session: session, policy: configuration.retryPolicy),
                        ledger: PostgresTokenLedger(session: session, budget: configuration.budget, prices: configuration.prices),
                        generator: generator, entries: PostgresEntryWriter(embeddingModels: embeddingModels),
                        generatorModel: generatorConfiguration.model, settings: configuration.seed)
                    return try await work(configuration: configuration, shutdown: shutdown) {
                        try await processor.runOnce(owner: owner, shouldStop: { shutdown.isRequested })
                    }
                }
            }
        } else {
            let database = try openDictionary(global)
            let processor = SeedProcessor(
                queue: SeedQueue(database: database, policy: configuration.retryPolicy),
                ledger: TokenLedger(database: database, budget: configuration.budget, prices: configuration.prices),
                generator: generator,
                sink: RepositoryEntrySink(
                    repository: EntryRepository(database: database, embeddingModels: embeddingModels),
                    generatorModel: generatorConfiguration.model
                ),
                settings: configuration.seed
            )
            total = try await work(configuration: configuration, shutdown: shutdown) {
                try processor.runOnce(owner: owner, shouldStop: { shutdown.isRequested })
            }
        }
        if global.json { try printJSON(total) } else if total.claimed == 0 { print("nothing to do") }
        if total.budgetExhausted, !global.json { print("daily token budget exhausted for \(generatorConfiguration.model); stopped") }
    }

    /// Rounds of `runOnce` (either engine's), once or until a shutdown signal with `--watch`; returns their sum.
    private func work(
        configuration: QueueConfiguration, shutdown: QueueShutdownSignal, runOnce: () async throws -> SeedRunReport
    ) async throws -> SeedRunReport {
        var total = SeedRunReport()
        repeat {
            let report: SeedRunReport
            do {
                report = try await runOnce()
            } catch {
                // A watching worker outlives transient faults (a locked database, a full disk being cleared, a
                // restarting server); its leased items come back through lease expiry if it cannot release them.
                guard watch else { return try queueAction { throw error } }
                printError("\(error); retrying in \(configuration.pollInterval) s")
                await pause(configuration.pollInterval, shutdown: shutdown)
                continue
            }
            total.merge(report)
            if report.claimed > 0 || report.abandonedReservations > 0, !global.json { print(Self.summary(report)) }
            for line in report.errors where !global.json { printError(line) }
            guard watch, !shutdown.isRequested else { break }
            if report.claimed == 0 || report.budgetExhausted { await pause(configuration.pollInterval, shutdown: shutdown) }
        } while !shutdown.isRequested
        return total
    }

    /// Sleeps `seconds`, waking early for a shutdown signal.
    private func pause(_ seconds: Double, shutdown: QueueShutdownSignal) async {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, !shutdown.isRequested { try? await Task.sleep(nanoseconds: 50_000_000) }
    }

    static func summary(_ r: SeedRunReport) -> String {
        "claimed \(r.claimed): \(r.completedItems) completed, \(r.languagesStored) stored, \(r.languagesAlreadyPresent) already present, "
            + "\(r.sentToReview) to review, \(r.retriesScheduled) retrying, \(r.deadLettered) dead-lettered, \(r.released) released, "
            + "\(r.tokensUsed) tokens"
            + (r.abandonedReservations > 0 ? "; booked \(r.abandonedTokens) tokens of \(r.abandonedReservations) abandoned reservation(s)" : "")
    }
}

extension SeedRunReport {
    /// Adds another round's counts to this one.
    mutating func merge(_ other: SeedRunReport) {
        claimed += other.claimed
        completedItems += other.completedItems
        languagesStored += other.languagesStored
        languagesAlreadyPresent += other.languagesAlreadyPresent
        sentToReview += other.sentToReview
        retriesScheduled += other.retriesScheduled
        deadLettered += other.deadLettered
        released += other.released
        leasesLost += other.leasesLost
        budgetExhausted = budgetExhausted || other.budgetExhausted
        tokensUsed += other.tokensUsed
        abandonedReservations += other.abandonedReservations
        abandonedTokens += other.abandonedTokens
        errors += other.errors
    }
}
