import DictTesting
import Foundation
import Testing
@testable import DictionarySearch


@Suite("Search quality evaluation")
struct EvaluationTests {
    @Test func ranksAccuraciesMedianAndEmptyAnswersOnKnownQueries() async throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let evaluator = SearchQualityEvaluator(search: SearchService(database: fixture.database))
        let queries = [
            // "creme": the normalized spelling comes first, so "crème" is answered at rank 2.
            EvaluationQuery(query: "creme", expected: ["crème"]),
            EvaluationQuery(query: "CRESCENDO", expected: ["crescendo"]),
            EvaluationQuery(query: "crescendo", expected: ["no such term"]),
            EvaluationQuery(query: "zzzqqq", expected: []),
            EvaluationQuery(query: "crescendo", expected: []),
        ]
        let quality = try #require(try await evaluator.evaluate(queries, modes: [.exact]).first)
        #expect(quality.mode == "exact")
        #expect(quality.answerable == 3 && quality.unanswerable == 2)
        #expect(quality.ranks == [2, 1, ModeQuality.depth + 1])
        #expect(quality.hitsAt1 == 1 && quality.hitsAt10 == 2 && quality.hitsAt100 == 2)
        #expect(abs(quality.accuracyAt1 - 1.0 / 3) < 1e-12 && abs(quality.accuracyAt10 - 2.0 / 3) < 1e-12)
        #expect(quality.medianRank == 2)
        // Nonsense answered with nothing counts; a real word answered for an empty expectation does not.
        #expect(quality.emptyRate == 0.5)
        #expect(quality.milliseconds.count == 5)
    }

    @Test func percentilesInterpolateBetweenClosestRanks() {
        #expect(ModeQuality.percentile([], 0.5) == nil)
        #expect(ModeQuality.percentile([7], 0.99) == 7)
        #expect(ModeQuality.percentile([1, 2, 3, 4], 0.5) == 2.5)
        #expect(ModeQuality.percentile([4, 1, 3, 2], 1) == 4)
    }

    @Test func queryFilesNameTheirBadLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("set.jsonl").path
        try "{\"query\": \"a\", \"expected\": [\"b\"]}\n\n{\"query\": 3}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: EvaluationError.invalidLine(file: path, line: 3)) { try SearchQualityEvaluator.loadQueries(path: path) }
    }

    /// A cross-language query counts only results in `results_lang` and passes its `lang` as the query's language.
    @Test func resultsLangFiltersAndUnknownCodesNameTheirLine() async throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let evaluator = SearchQualityEvaluator(search: SearchService(database: fixture.database))
        // Lexical "crescendo" ranks the English entry first; filtered to Spanish, the Spanish "Crescendo" is rank 1 and
        // filtered to German nothing named crescendo is left.
        var spanish = EvaluationQuery(query: "crescendo", expected: ["crescendo"], lang: "en")
        spanish.resultsLang = "es"
        var german = spanish
        german.resultsLang = "de"
        let quality = try #require(try await evaluator.evaluate([spanish, german], modes: [.lexical]).first)
        #expect(quality.ranks == [1, ModeQuality.depth + 1])

        let directory = try TemporaryDirectory()
        let path = directory.url.appendingPathComponent("cross.jsonl").path
        try """
            {"query": "allmählich lauter", "expected": ["crescendo"], "lang": "de", "results_lang": "en"}
            {"query": "plus fort", "expected": ["forte"], "lang": "fr", "results_lang": "english"}

            """.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: EvaluationError.invalidLanguage(file: path, line: 2, field: "results_lang", found: "english")) {
            try SearchQualityEvaluator.loadQueries(path: path)
        }
        try """
            {"query": "allmählich lauter", "expected": ["crescendo"], "lang": "de", "results_lang": "en"}

            """.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try SearchQualityEvaluator.loadQueries(path: path).first?.resultsLang == "en")
    }
}

