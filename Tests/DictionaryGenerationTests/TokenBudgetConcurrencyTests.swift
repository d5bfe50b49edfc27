import DictMigrations
import DictStore
import DictTesting
import Foundation
import Testing
@testable import DictionaryCore
@testable import DictionaryGeneration
@testable import DictionaryQueues

/// Bills every call at its worst case, as the audit saw: a 175-token prompt plus the full 800-token `max_tokens`.
final class WorstCaseGenerator: DefinitionGenerator, @unchecked Sendable {
    static let promptTokens = 175
    static let maxTokens = 800

    var modelName: String { "worst-case" }
    var provider: ModelProvider { .other }

    func tokenCeiling(term: String, lang: String) -> Int { Self.promptTokens + Self.maxTokens }

    func generate(term: String, lang: String) throws -> GenerationResult {
        // Long enough for the workers' calls to overlap, which is when an under-sized reservation overshoots.
        usleep(50_000)
        var entry = ScriptedGenerator.fullEntry()
        entry.term = term
        entry.qualityScore = EntryQualityScorer.score(entry)
        return GenerationResult(entry: entry, promptTokens: Self.promptTokens, completionTokens: Self.maxTokens, usageReported: true)
    }
}

@Suite struct TokenBudgetConcurrencyTests {
    /// Four seed workers, each with its own connection to one WAL file, against a budget of 3,360 tokens (4 × the
    /// old 840-token estimate). Reserving the estimate let all four start and book 4 × 975 = 3,900 (+16 %);
    /// reserving the ceiling lets at most three start, and the day's total never passes the budget.
    @Test func concurrentSeedWorkersNeverPassTheDailyBudget() throws {
        let directory = try TemporaryDirectory()
        let setup = try Service.dictionary.open(dataDirectory: directory.path)
        let queue = SeedQueue(database: setup)
        for index in 0..<12 { try queue.enqueue(term: "tempo term \(index)", languages: ["en"]) }
        let limit = 3_360
        let budget = TokenBudget(defaultLimit: .tokens(limit))
        let peaks = Locked<[Int]>([])
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            do {
                let database = try Service.dictionary.open(dataDirectory: directory.path, migrate: false)
                var settings = SeedProcessorSettings()
                settings.batchSize = 1
                let processor = SeedProcessor(
                    queue: SeedQueue(database: database), ledger: TokenLedger(database: database, budget: budget),
                    generator: WorstCaseGenerator(),
                    sink: RepositoryEntrySink(repository: EntryRepository(database: database), generatorModel: "worst-case"),
                    settings: settings)
                while true {
                    let report = try processor.runOnce(owner: "worker-\(worker)")
                    let status = try processor.ledger.status(model: "worst-case")
                    peaks.update { $0.append(status.used + status.reserved) }
                    if report.claimed == 0 || report.budgetExhausted { break }
                }
            } catch {
                failures.update { $0.append("worker \(worker): \(error)") }
            }
        }
        #expect(failures.value.isEmpty, "\(failures.value)")
        let status = try TokenLedger(database: setup, budget: budget).status(model: "worst-case")
        #expect(status.used <= limit, "booked \(status.used) of a \(limit)-token budget")
        #expect(status.used == 3 * 975, "three calls fit the budget at their ceiling")
        #expect(peaks.value.allSatisfy { $0 <= limit }, "used + reserved peaked at \(peaks.value.max() ?? 0)")
        #expect(try TableRows.count(setup, "dictionary_entries") == 3)
    }
}
