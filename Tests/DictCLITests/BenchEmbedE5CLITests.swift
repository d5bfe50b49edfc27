import Foundation
import Testing

/// `dict bench embed --model multilingual-e5-small` runs the same benchmark on the multilingual model.
@Suite struct BenchEmbedE5CLITests {
    @Test(.enabled(if: EmbedTextE5CLITests.modelInstalled, "multilingual-e5-small not installed: run `bash models/install.sh multilingual-e5-small`"))
    func benchmarksTheMultilingualModelOnQueries() throws {
        let result = try DictBinary.run(["bench", "embed", "--model", "multilingual-e5-small", "--sentences", "4", "--repetitions", "1",
                                         "--threads", "1"], in: DictBinary.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("model: multilingual-e5-small"))
        // A table row for one thread at batch 1, and the FLOPs of 12 layers (over twice MiniLM's per token).
        #expect(result.stdout.contains("| 1 | single | 1 |"), "\(result.stdout)")
        #expect(result.stdout.contains("MFLOP per sentence"))
    }

    @Test func unknownModelIsAUsageError() throws {
        #expect(try DictBinary.run(["bench", "embed", "--model", "gpt-9"], in: DictBinary.packageRoot).status == 2)
    }
}
