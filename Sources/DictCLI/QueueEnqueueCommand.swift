import ArgumentParser
import DictMigrations
import DictionaryQueues

/// `dict queue enqueue TERM --lang …`: adds one term (idempotent: an identical open item is reported, not added).
struct QueueEnqueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enqueue", abstract: "Queue one term for generation.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption

    @Argument(help: "The term.")
    var term: String

    @Option(name: .customLong("lang"), parsing: .upToNextOption, help: "Languages (en es fr de zh-CN zh-TW; default: all).")
    var languages: [String] = []

    @Option(help: "Priority 1 (lowest) to 10.")
    var priority = 5

    func run() async throws {
        let codes = languages.isEmpty ? SeedLanguages.supported : languages.flatMap { $0.split(separator: ",").map(String.init) }
        let result: EnqueueResult
        if let postgres = try database.location() {
            result = try await queueAction {
                try await Service.dictionary.withPostgres(postgres) { session in
                    try await PostgresSeedQueue(session: session).enqueue(term: term, languages: codes, priority: priority, source: "cli")
                }
            }
        } else {
            let database = try openDictionary(global)
            result = try queueAction {
                try SeedQueue(database: database).enqueue(term: term, languages: codes, priority: priority, source: "cli")
            }
        }
        if global.json { return try printJSON(result) }
        print(result.inserted ? "queued \(result.itemID)" : "already queued as \(result.itemID)")
    }
}
