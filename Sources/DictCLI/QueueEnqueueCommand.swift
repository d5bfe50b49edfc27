import ArgumentParser
import DictionaryQueues

/// `dict queue enqueue TERM --lang …`: adds one term (idempotent: an identical open item is reported, not added).
struct QueueEnqueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enqueue", abstract: "Queue one term for generation.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The term.")
    var term: String

    @Option(name: .customLong("lang"), parsing: .upToNextOption, help: "Languages (en es fr de zh-CN zh-TW; default: all).")
    var languages: [String] = []

    @Option(help: "Priority 1 (lowest) to 10.")
    var priority = 5

    func run() throws {
        let database = try openDictionary(global)
        let codes = languages.isEmpty ? SeedLanguages.supported : languages.flatMap { $0.split(separator: ",").map(String.init) }
        let result = try queueAction {
            try SeedQueue(database: database).enqueue(term: term, languages: codes, priority: priority, source: "cli")
        }
        if global.json { return try printJSON(result) }
        print(result.inserted ? "queued \(result.itemID)" : "already queued as \(result.itemID)")
    }
}
