import ArgumentParser
import DictMigrations
import DictStore
import DictionaryQueues
import Foundation

/// `dict queue status`: item counts per state for both queues, review and dead-letter sizes, recent seed items; with
/// `--database`, from PostgreSQL's `dictionary` schema.
struct QueueStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "Show queue counts and the next seed items.")

    @OptionGroup var global: GlobalOptions

    @OptionGroup var database: DatabaseURLOption

    @Option(help: "How many seed items to list.")
    var limit = 10

    struct Report: Encodable {
        var seed: QueueStatusCounts
        var embedding: QueueStatusCounts
        var pendingReviews: Int
        var deadLetters: Int
        var items: [SeedQueueItem]
    }

    func run() async throws {
        let report: Report
        if let postgres = try database.location() {
            report = try await queueAction {
                try await Service.dictionary.withPostgres(postgres) { session in
                    let status = PostgresQueueStatus(session: session)
                    let (seed, embedding) = try await status.counts()
                    let (reviews, letters) = try await status.waiting()
                    return Report(seed: seed, embedding: embedding, pendingReviews: reviews, deadLetters: letters,
                                  items: try await status.seedItems(limit: limit))
                }
            }
        } else {
            let database = try openDictionary(global)
            report = try queueAction { () -> Report in
                let seed = SeedQueue(database: database)
                let embedding = EmbeddingQueue(database: database)
                let (seedCounts, embeddingCounts) = (try seed.statusCounts(), try embedding.statusCounts())
                let reviews = try ManualReviewQueue(database: database).count(status: "pending")
                let letters = try DeadLetterQueue(database: database).count()
                return Report(seed: seedCounts, embedding: embeddingCounts, pendingReviews: reviews, deadLetters: letters,
                              items: try seed.items(limit: max(0, limit)))
            }
        }
        if global.json { return try printJSON(report) }
        for (name, c) in [("seed", report.seed), ("embedding", report.embedding)] {
            print("\(name): \(c.pending) pending (\(c.waitingForRetry) waiting to retry), \(c.processing) processing, \(c.completed) completed")
        }
        print("manual review: \(report.pendingReviews) pending; dead letters: \(report.deadLetters)")
        for item in report.items {
            let done = item.completedLanguages.isEmpty ? "" : " done: \(item.completedLanguages.joined(separator: ","))"
            print("  \(item.id)  \(item.status)  p\(item.priority)  \(item.term)  [\(item.languages.joined(separator: ","))]\(done)  attempts \(item.attempts)\(item.errorMessage.map { "  last error: \($0)" } ?? "")")
        }
    }
}
