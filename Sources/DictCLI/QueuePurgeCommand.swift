import ArgumentParser
import DictMigrations
import DictionaryGeneration
import DictionaryQueues

/// `dict queue purge`: applies the retention policy (completed items, old dead letters, old token-usage days).
struct QueuePurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "purge", abstract: "Delete completed items and old dead letters per the retention policy.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var database: DatabaseURLOption
    @OptionGroup var config: QueueConfigurationOptions

    func run() async throws {
        let configuration = try config.load(dataDirectory: global.dataDirectory)
        let report: PurgeReport
        if let postgres = try database.location() {
            report = try await queueAction {
                try await Service.dictionary.withPostgres(postgres) { session in
                    try await PostgresQueueMaintenance(session: session, retention: configuration.retention).purge()
                }
            }
        } else {
            let database = try openDictionary(global)
            report = try queueAction { try QueueMaintenance(database: database, retention: configuration.retention).purge() }
        }
        if global.json { return try printJSON(report) }
        print("purged \(report.completedSeedItems) seed and \(report.completedEmbeddingItems) embedding items, \(report.deadLetters) dead letters, \(report.tokenUsageDays) token-usage rows")
    }
}
