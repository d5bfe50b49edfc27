import ArgumentParser
import DictionaryGeneration
import DictionaryQueues

/// `dict queue purge`: applies the retention policy (completed items, old dead letters, old token-usage days).
struct QueuePurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "purge", abstract: "Delete completed items and old dead letters per the retention policy.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var config: QueueConfigurationOptions

    func run() throws {
        let configuration = try config.load(dataDirectory: global.dataDirectory)
        let database = try openDictionary(global)
        let report = try queueAction { try QueueMaintenance(database: database, retention: configuration.retention).purge() }
        if global.json { return try printJSON(report) }
        print("purged \(report.completedSeedItems) seed and \(report.completedEmbeddingItems) embedding items, \(report.deadLetters) dead letters, \(report.tokenUsageDays) token-usage rows")
    }
}
