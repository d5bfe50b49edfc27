import ArgumentParser
import DictMigrations
import DictionaryCore
import DictionaryGeneration
import DictionaryQueues
import Foundation

/// `dict queue review list|approve ID|reject ID`: generated entries that scored below the quality threshold.
struct QueueReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "List, approve or reject low-scoring generated entries.",
        subcommands: [List.self, Approve.self, Reject.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List review items (newest first).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var database: DatabaseURLOption
        @Option(help: "pending, approved, rejected or all.") var status = "pending"
        @Option(help: "Rows to show.") var limit = 20
        @Option(help: "Rows to skip.") var offset = 0

        func run() async throws {
            let filter = status == "all" ? nil : status
            let items: [ReviewItem]
            if let postgres = try database.location() {
                items = try await queueAction {
                    try await Service.dictionary.withPostgres(postgres) {
                        try await PostgresManualReviewQueue(session: $0).list(status: filter, limit: limit, offset: offset)
                    }
                }
            } else {
                let database = try openDictionary(global)
                items = try queueAction { try ManualReviewQueue(database: database).list(status: filter, limit: limit, offset: offset) }
            }
            if global.json { return try printJSON(items) }
            if items.isEmpty { print("no review items") }
            for item in items {
                print("\(item.id)  \(item.status)  \(item.term) (\(item.lang))  score \(item.qualityScore)  \(item.reason)")
                print("    \(item.content.type): \(item.content.concise)")
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store a review item's entry (optionally edited).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var database: DatabaseURLOption
        @OptionGroup var config: QueueConfigurationOptions
        @Argument(help: "Review item id.") var id: String
        @Option(help: "A JSON object merged over the generated content, e.g. '{\"concise\":\"…\"}'.") var modifications: String?
        @Option(help: "Reviewer notes.") var notes: String?
        @Option(help: "Reviewer name.") var reviewer = "admin"

        func run() async throws {
            let configuration = try config.load(dataDirectory: global.dataDirectory)
            let models = [configuration.seed.embeddingModel].compactMap { $0 }
            let stored: StoredEntry
            if let postgres = try database.location() {
                stored = try await queueAction {
                    try await Service.dictionary.withPostgres(postgres) { session in
                        try await PostgresManualReviewQueue(session: session).approve(
                            id: id, reviewer: reviewer, notes: notes, modifications: modifications,
                            entries: PostgresEntryWriter(embeddingModels: models), embeddingModel: configuration.seed.embeddingModel)
                    }
                }
            } else {
                let database = try openDictionary(global)
                stored = try queueAction {
                    try ManualReviewQueue(database: database).approve(
                        id: id, reviewer: reviewer, notes: notes, modifications: modifications,
                        sink: RepositoryEntrySink(repository: EntryRepository(database: database, embeddingModels: models)),
                        embeddingModel: configuration.seed.embeddingModel
                    )
                }
            }
            if global.json { return try printJSON(["entry_id": stored.id, "inserted": stored.inserted ? "true" : "false"]) }
            print(stored.inserted ? "approved: stored entry \(stored.id)" : "approved: entry \(stored.id) already existed and was kept")
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a review item.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var database: DatabaseURLOption
        @Argument(help: "Review item id.") var id: String
        @Option(help: "Reviewer notes.") var notes: String?
        @Option(help: "Reviewer name.") var reviewer = "admin"

        func run() async throws {
            if let postgres = try database.location() {
                try await queueAction {
                    try await Service.dictionary.withPostgres(postgres) {
                        try await PostgresManualReviewQueue(session: $0).reject(id: id, reviewer: reviewer, notes: notes)
                    }
                }
            } else {
                let database = try openDictionary(global)
                try queueAction { try ManualReviewQueue(database: database).reject(id: id, reviewer: reviewer, notes: notes) }
            }
            if global.json { return try printJSON(["id": id, "status": "rejected"]) }
            print("rejected \(id)")
        }
    }
}
