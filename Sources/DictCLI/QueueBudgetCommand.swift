import ArgumentParser
import DictMigrations
import DictionaryGeneration
import DictionaryQueues

/// `dict queue budget`: today's tokens per model against the daily budget, recent usage and cost; with `--database`,
/// from PostgreSQL's ledger.
struct QueueBudgetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "budget", abstract: "Show token usage, remaining budget and cost.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var config: QueueConfigurationOptions
    @OptionGroup var database: DatabaseURLOption

    @Option(help: "Days of history to show.")
    var days = 7

    struct Report: Encodable {
        var today: [BudgetStatus]
        var usage: [DailyTokenUsage]
        var cost: [CostSummary]
    }

    func run() async throws {
        let configuration = try config.load(dataDirectory: global.dataDirectory)
        let report: Report
        if let postgres = try database.location() {
            report = try await queueAction {
                try await Service.dictionary.withPostgres(postgres) { session in
                    let ledger = PostgresTokenLedger(session: session, budget: configuration.budget, prices: configuration.prices)
                    let usage = try await ledger.usage(days: max(1, days))
                    var today: [BudgetStatus] = []
                    for model in Self.models(usage: usage, configuration: configuration) { today.append(try await ledger.status(model: model)) }
                    return Report(today: today, usage: usage, cost: try await ledger.costSummary(days: max(1, days)))
                }
            }
        } else {
            let ledger = TokenLedger(database: try openDictionary(global), budget: configuration.budget, prices: configuration.prices)
            report = try queueAction { () -> Report in
                let usage = try ledger.usage(days: max(1, days))
                return Report(today: try Self.models(usage: usage, configuration: configuration).map { try ledger.status(model: $0) },
                              usage: usage, cost: try ledger.costSummary(days: max(1, days)))
            }
        }
        if global.json { return try printJSON(report) }
        if report.today.isEmpty { print("no token usage recorded and no generator configured") }
        for status in report.today {
            let limit = status.limit.map(String.init) ?? "unlimited"
            let remaining = status.remaining.map(String.init) ?? "unlimited"
            print("\(status.date) \(status.model): used \(status.used), reserved \(status.reserved), limit \(limit), remaining \(remaining)")
        }
        for row in report.cost {
            print("  \(row.date) \(row.model) \(row.operation): \(row.requests) calls, \(row.totalTokens) tokens, $\(row.totalCostUSD), \(Int(row.successRatePercent)) % ok")
        }
    }

    /// The models today's report lists: those with usage in the period, and the configured generator's.
    static func models(usage: [DailyTokenUsage], configuration: QueueConfiguration) -> [String] {
        var models = Set(usage.map(\.model))
        if let generator = configuration.generator?.model { models.insert(generator) }
        return models.sorted()
    }
}
