import ArgumentParser
import DictionaryGeneration
import DictionaryQueues

/// `dict queue budget`: today's tokens per model against the daily budget, recent usage and cost.
struct QueueBudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "budget", abstract: "Show token usage, remaining budget and cost.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var config: QueueConfigurationOptions

    @Option(help: "Days of history to show.")
    var days = 7

    struct Report: Encodable {
        var today: [BudgetStatus]
        var usage: [DailyTokenUsage]
        var cost: [CostSummary]
    }

    func run() throws {
        let configuration = try config.load(dataDirectory: global.dataDirectory)
        let database = try openDictionary(global)
        let ledger = TokenLedger(database: database, budget: configuration.budget, prices: configuration.prices)
        let report = try queueAction { () -> Report in
            let usage = try ledger.usage(days: max(1, days))
            var models = Set(usage.map(\.model))
            if let generator = configuration.generator?.model { models.insert(generator) }
            return Report(today: try models.sorted().map { try ledger.status(model: $0) }, usage: usage,
                          cost: try ledger.costSummary(days: max(1, days)))
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
}
