import ArgumentParser
import DictMigrations
import DictionaryQueues

/// `dict queue dlq list|retry ID`: items that failed for good.
struct QueueDLQCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq", abstract: "List dead letters or put one back in its queue.", subcommands: [List.self, Retry.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List dead letters (newest first).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var database: DatabaseURLOption
        @Option(help: "Rows to show.") var limit = 20
        @Option(help: "Rows to skip.") var offset = 0

        func run() async throws {
            let letters: [DeadLetter]
            if let postgres = try database.location() {
                letters = try await queueAction {
                    try await Service.dictionary.withPostgres(postgres) { try await PostgresDeadLetterQueue(session: $0).list(limit: limit, offset: offset) }
                }
            } else {
                let database = try openDictionary(global)
                letters = try queueAction { try DeadLetterQueue(database: database).list(limit: limit, offset: offset) }
            }
            if global.json { return try printJSON(letters) }
            if letters.isEmpty { print("no dead letters") }
            for letter in letters {
                print("\(letter.id)  \(letter.queue.rawValue)  \(letter.term ?? letter.originalID)  attempts \(letter.attempts)  \(letter.errorType ?? "-")  \(letter.failureReason)")
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Re-queue a dead letter as a fresh pending item.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var database: DatabaseURLOption
        @Argument(help: "Dead letter id.") var id: String

        func run() async throws {
            let itemID: String
            if let postgres = try database.location() {
                itemID = try await queueAction {
                    try await Service.dictionary.withPostgres(postgres) { try await PostgresDeadLetterQueue(session: $0).retry(id: id) }
                }
            } else {
                let database = try openDictionary(global)
                itemID = try queueAction { try DeadLetterQueue(database: database).retry(id: id) }
            }
            if global.json { return try printJSON(["item_id": itemID]) }
            print("re-queued as \(itemID)")
        }
    }
}
