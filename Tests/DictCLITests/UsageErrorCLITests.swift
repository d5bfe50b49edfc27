import DictTesting
import Foundation
import Testing

/// Issue 14, items 2 and 10: every usage error exits 2 with one `dict: …` line; choices are enums that `--help`
/// and the completion scripts list.
@Suite struct UsageErrorCLITests {
    static let usageErrors: [[String]] = [
        ["search", "allegro", "--no-such-flag"],  // unknown flag (argument-parser)
        ["search"],  // missing argument (argument-parser)
        ["search", "allegro", "--mode", "banana"],  // bad enum value (argument-parser)
        ["search", "allegro", "--lang", "xx"],
        ["search", "allegro", "--limit", "abc"],
        ["search", "allegro", "--semantic-ratio", "2"],  // validate()
        ["lookup"],
        ["export", "--format", "xml"],
        ["serve", "--json"],  // options that did nothing are gone
        ["bench", "search", "--json"],
        ["serve", "--log-level", "loud"],
        ["no-such-command"],
        ["embed-text"],  // neither text nor --input
    ]

    @Test(arguments: UsageErrorCLITests.usageErrors)
    func usageErrorsExitTwoWithOneLine(arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        let result = try CLIFixture.run(arguments + ["--data-dir", directory.path])
        #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == 1, "\(arguments): \(result.stderr)")
        #expect(lines.first?.hasPrefix("dict: ") == true, "\(arguments): \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func helpAndVersionStillExitZero() throws {
        let help = try CLIFixture.run(["search", "--help"])
        #expect(help.status == 0)
        let version = try CLIFixture.run(["--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty)
    }

    @Test func helpListsTheValuesOfEveryChoice() throws {
        // Help wraps lines; compare with whitespace collapsed.
        func help(_ arguments: [String]) throws -> String {
            try CLIFixture.run(["help"] + arguments).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let search = try help(["search"])
        for values in ["exact, prefix, lexical, semantic, hybrid", "relevance, alphabetical, quality, popularity",
                       "table, json, jsonl, csv", "en, es, fr, de, zh-CN, zh-TW", "tempo, dynamics"] {
            #expect(search.contains(values), "help search lacks \(values)")
        }
        #expect(try help(["export"]).contains("json, jsonl, csv, sqlite"))
        #expect(try help(["import", "entries"]).contains("values: jsonl, csv"))
        #expect(try help(["serve"]).contains("values: plain, json"))
        #expect(try help(["serve"]).contains("values: trace, debug, info, notice, warning, error, critical"))
        #expect(try help(["eval"]).contains("values: exact, prefix, lexical, semantic, hybrid"))
        #expect(try help(["import", "embeddings"]).contains("values: jsonl, npy, f32"))
    }

    @Test func completionScriptsCompleteChoicesAndFiles() throws {
        let zsh = try CLIFixture.run(["--generate-completion-script", "zsh"])
        #expect(zsh.status == 0)
        #expect(zsh.stdout.contains("'exact' 'prefix' 'lexical' 'semantic' 'hybrid'"), "mode values missing")
        #expect(zsh.stdout.contains("'zh-CN' 'zh-TW'"), "language values missing")
        #expect(zsh.stdout.contains("--output[Output file") && zsh.stdout.contains(":output:_files"), "path options do not complete files")
        let fish = try CLIFixture.run(["--generate-completion-script", "fish"])
        #expect(fish.status == 0 && fish.stdout.contains("'relevance alphabetical quality popularity'"))
        #expect(fish.stdout.contains("'table json jsonl csv'"))
    }

    @Test func searchAcceptsCommaSeparatedAndRepeatedLanguages() throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        let comma = try CLIFixture.run(["search", "crescendo", "--mode", "lexical", "--lang", "en,ZH-cn", "--format", "jsonl"] + common)
        let repeated = try CLIFixture.run(["search", "crescendo", "--mode", "lexical", "--lang", "en", "--lang", "zh_CN", "--format", "jsonl"] + common)
        #expect(comma.status == 0 && comma.stdout == repeated.stdout, "\(comma.stderr) \(repeated.stderr)")
    }
}
