import ArgumentParser
import DictMigrations
import DictPostgres
import DictionaryGeneration
import DictionaryQueues
import DictionarySearch
import Foundation

/// `dict analytics …`: reports over search analytics and the token ledger, of the data directory or (`--database`)
/// of PostgreSQL's `dictionary` schema.
struct AnalyticsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analytics",
        abstract: "Search and token reports: popular, gaps, trends, latency, tokens.",
        subcommands: [Popular.self, Gaps.self, Trends.self, Latency.self, Tokens.self]
    )

    /// Options every report takes.
    struct ReportOptions: ParsableArguments {
        @OptionGroup var global: GlobalOptions

        @OptionGroup var database: DatabaseURLOption

        @Option(help: "Period in days, 1–365 (applied to the report).")
        var days: Int = 30

        @Option(help: "Rows at most (popular and gaps).")
        var limit: Int = 20

        func validate() throws {
            guard (1...365).contains(days) else { throw ValidationError("--days: expected 1 to 365, found \(days)") }
            guard (1...1000).contains(limit) else { throw ValidationError("--limit: expected 1 to 1000, found \(limit)") }
        }

        /// Runs `body` with the reports and the ledger of the data directory, or of PostgreSQL's `dictionary` schema
        /// with `--database`, mapping failures to exit code 3.
        func withReports<T: Sendable>(_ body: (any SearchAnalyticsReporting, any TokenCostReporting) async throws -> T) async throws -> T {
            do {
                if let postgres = try database.location() {
                    return try await Service.dictionary.withPostgres(postgres) { session in
                        try await body(PostgresSearchAnalyticsReports(session: session),
                                       PostgresTokenLedger(session: session, budget: QueueConfiguration().budget))
                    }
                }
                let database = try ExistingDatabase.open(dataDirectory: global.dataDirectory)
                return try await body(SearchAnalyticsReports(database: database),
                                      TokenLedger(database: database, budget: QueueConfiguration().budget))
            } catch let exit as ExitCode {
                throw exit
            } catch {
                printError("\(error)")
                throw ExitStatus.dataError
            }
        }
    }

    /// Prints `rows` as JSON (with `--json`) or as an aligned table.
    static func emit<T: Encodable>(_ rows: [T], json: Bool, header: [String], cells: (T) -> [String]) throws {
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return
        }
        // Search terms may be Chinese: columns are measured in terminal cells.
        print(TextTable(header: header, rows: rows.map(cells)).render())
        if rows.isEmpty { print("(none)") }
    }

    struct Popular: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Most searched terms in the period.")
        @OptionGroup var options: ReportOptions
        func run() async throws {
            let rows = try await options.withReports { reports, _ in try await reports.popularSearches(days: options.days, limit: options.limit) }
            try AnalyticsCommand.emit(rows, json: options.global.json, header: ["TERM", "SEARCHES", "FOUND", "LAST"]) {
                [$0.term, String($0.searchCount), String($0.foundCount), $0.lastSearched]
            }
        }
    }

    struct Gaps: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Searches that found nothing (content gaps).")
        @OptionGroup var options: ReportOptions
        func run() async throws {
            let rows = try await options.withReports { reports, _ in try await reports.zeroResultSearches(days: options.days, limit: options.limit) }
            try AnalyticsCommand.emit(rows, json: options.global.json, header: ["TERM", "SEARCHES", "LAST"]) {
                [$0.term, String($0.searchCount), $0.lastSearched]
            }
        }
    }

    struct Trends: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Searches per day.")
        @OptionGroup var options: ReportOptions
        func run() async throws {
            let rows = try await options.withReports { reports, _ in try await reports.dailyTrends(days: options.days) }
            try AnalyticsCommand.emit(rows, json: options.global.json, header: ["DATE", "SEARCHES", "FOUND", "AVG MS"]) {
                [$0.date, String($0.total), String($0.found), String(format: "%.2f", $0.averageResponseMs)]
            }
        }
    }

    struct Latency: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Response-time percentiles per search mode.")
        @OptionGroup var options: ReportOptions
        func run() async throws {
            let rows = try await options.withReports { reports, _ in try await reports.latencyPercentiles(days: options.days) }
            try AnalyticsCommand.emit(rows, json: options.global.json, header: ["MODE", "SEARCHES", "P50 MS", "P95 MS", "P99 MS"]) {
                [$0.mode.rawValue, String($0.count), String(format: "%.2f", $0.p50), String(format: "%.2f", $0.p95), String(format: "%.2f", $0.p99)]
            }
        }
    }

    struct Tokens: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "AI and embedding token usage per day and model, with cost.")
        @OptionGroup var options: ReportOptions
        func run() async throws {
            let rows = try await options.withReports { _, ledger in try await ledger.costSummary(days: options.days) }
            try AnalyticsCommand.emit(rows, json: options.global.json,
                                      header: ["DATE", "PROVIDER", "MODEL", "OPERATION", "REQUESTS", "TOKENS", "COST USD"]) {
                [$0.date, $0.provider, $0.model, $0.operation, String($0.requests), String($0.totalTokens), String(format: "%.4f", $0.totalCostUSD)]
            }
        }
    }
}
