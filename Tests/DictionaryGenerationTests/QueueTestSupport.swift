import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
@testable import DictionaryCore
@testable import DictionaryGeneration
@testable import DictionaryQueues

/// Shared fixtures of the queue, token and generation tests.
enum QueueFixtures {
    /// A complete entry reply (scores 100 with `EntryQualityScorer`), wrapped in prose and a Markdown fence as models do.
    static func goodReply(type: String = "tempo") -> String {
        """
        Here is the entry you asked for:
        ```json
        {"term": "ignored", "type": "\(type)",
         "definition": {"concise": "A fast, lively tempo, typically 120 to 156 beats per minute.",
                        "detailed": "Allegro indicates a brisk and cheerful pace. It is one of the most common tempo markings in Western music and is often used for the first and last movements of sonatas, symphonies and concertos. Composers qualify it with words such as molto or ma non troppo.",
                        "etymology": "Italian for cheerful or lively.",
                        "pronunciation": {"ipa": "əˈleɪɡroʊ"},
                        "usage_example": "The finale is marked allegro con brio."},
         "related_terms": ["presto", "vivace"]}
        ```
        Let me know if you need more.
        """
    }

    /// A reply with only short required fields: valid but scoring 50, below the default threshold.
    static let weakReply = #"{"type": "general", "concise": "A short one.", "detailed": "Also short but present here."}"#

    /// A stub server whose default answer is a complete entry with usage 100 + 200 tokens.
    static func stubServer() throws -> StubHTTPServer {
        try StubHTTPServer(defaultResponse: .chatCompletion(content: goodReply(), promptTokens: 100, completionTokens: 200))
    }

    /// A generator pointed at `server` with a short timeout.
    static func generator(_ server: StubHTTPServer, timeout: TimeInterval = 2) -> OpenAICompatibleGenerator {
        OpenAICompatibleGenerator(configuration: GeneratorConfiguration(
            baseURL: server.baseURL, model: "stub-model", apiKey: "test-key", timeout: timeout
        ))
    }

    /// A seed processor over `database` with the real repository sink.
    static func processor(
        database: StoreDatabase, generator: any DefinitionGenerator, clock: FakeClock,
        budget: TokenBudget = TokenBudget(), threshold: Double = 85
    ) -> SeedProcessor {
        var settings = SeedProcessorSettings()
        settings.qualityThreshold = threshold
        settings.batchSize = 5
        settings.leaseDuration = 60
        settings.embeddingModel = "test-embedder"
        return SeedProcessor(
            queue: SeedQueue(database: database, clock: clock),
            ledger: TokenLedger(database: database, budget: budget, clock: clock),
            generator: generator,
            sink: RepositoryEntrySink(repository: EntryRepository(database: database), generatorModel: "stub-model"),
            settings: settings
        )
    }
}

/// A generator that answers from a script of results or errors (no network), for queue-logic tests.
final class ScriptedGenerator: DefinitionGenerator, @unchecked Sendable {
    enum Step {
        case entry(GeneratedEntry, tokens: Int)
        case failure(any Error)
    }

    private let lock = NSLock()
    private var steps: [Step]
    private(set) var calls: [(term: String, lang: String)] = []

    init(_ steps: [Step]) { self.steps = steps }

    var modelName: String { "scripted" }
    var provider: ModelProvider { .other }
    /// Scripted results never exceed this (tests script at most a few hundred tokens).
    var ceiling = 1_000

    func tokenCeiling(term: String, lang: String) -> Int { ceiling }

    func generate(term: String, lang: String) throws -> GenerationResult {
        lock.lock()
        calls.append((term, lang))
        let step = steps.isEmpty ? nil : steps.removeFirst()
        lock.unlock()
        switch step {
        case .entry(var entry, let tokens):
            entry.term = term
            entry.qualityScore = EntryQualityScorer.score(entry)
            return GenerationResult(entry: entry, promptTokens: tokens / 2, completionTokens: tokens - tokens / 2, usageReported: true)
        case .failure(let error):
            throw error
        case nil:
            throw GenerationError.httpStatus(code: 500, body: "script exhausted")
        }
    }

    /// A complete entry (score 100).
    static func fullEntry() -> GeneratedEntry {
        GeneratedEntry(
            term: "", type: "tempo", concise: "A fast and lively tempo marking used widely.",
            detailed: String(repeating: "A detailed explanation of the marking and its use in practice. ", count: 4),
            etymology: "Italian", pronunciation: "x", usageExample: "Play it allegro.", relatedTerms: ["presto"]
        )
    }
}
