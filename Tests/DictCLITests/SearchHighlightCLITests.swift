import DictTesting
import Foundation
import Testing

/// Issue 14, items 14 and 15 on the command line: `dict search --highlight` and `--facets`.
@Suite struct SearchHighlightCLITests {
    static let bold = "\u{1B}[1m"

    @Test func highlightMarksMatchesInJSONAndBoldOnlyForATerminal() throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        let query = ["search", "cresc", "--mode", "lexical", "--highlight"] + common

        let json = try CLIFixture.object(try CLIFixture.run(query + ["--format", "json"]).stdout)
        let results = try #require(json["results"] as? [[String: Any]])
        let first = try #require(results.first)
        #expect(first["term"] as? String == "crescendo")
        let highlight = try #require(first["highlight"] as? [String: String])
        #expect(highlight["term"] == "<mark>cresc</mark>endo")
        #expect(highlight["definition"] == "Gradually getting louder.")
        let swell = try #require(results.first { $0["term"] as? String == "swell" }?["highlight"] as? [String: String])
        #expect(swell["definition"] == "A <mark>cresc</mark>endo followed by a diminuendo.")
        // Without the flag the items have no highlight.
        let plainJSON = try CLIFixture.object(try CLIFixture.run(Array(query.dropLast(common.count + 1)) + common + ["--json"]).stdout)
        #expect((plainJSON["results"] as? [[String: Any]])?.allSatisfy { $0["highlight"] == nil } == true)

        let line = try #require(try CLIFixture.run(query + ["--format", "jsonl"]).stdout.split(separator: "\n").first)
        #expect((try CLIFixture.object(String(line))["highlight"] as? [String: String])?["term"] == "<mark>cresc</mark>endo")

        // A pipe gets plain text; CLICOLOR_FORCE asks for bold anyway; NO_COLOR wins over both.
        let piped = try CLIFixture.run(query)
        #expect(piped.status == 0)
        #expect(!piped.stdout.contains("\u{1B}") && piped.stdout.contains("crescendo"), "\(piped.stdout)")
        // (An empty NO_COLOR counts as unset, so the runner's own environment cannot decide this.)
        let forced = try CLIFixture.run(query, environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": ""])
        #expect(forced.stdout.contains(Self.bold + "cresc" + "\u{1B}[22mendo"), "\(forced.stdout)")
        #expect(forced.stdout.contains("A " + Self.bold + "cresc"), "\(forced.stdout)")
        let noColor = try CLIFixture.run(query, environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}"))
        // Bold takes no columns: the forced table lines up like the plain one.
        let strip = { (text: String) in text.replacingOccurrences(of: #"\x{1B}\[[0-9;]*m"#, with: "", options: .regularExpression) }
        #expect(strip(forced.stdout) == piped.stdout)
        // Fitted to a narrow terminal, a line cut after bold text ends with a reset, so the terminal is not left bold.
        let narrow = try CLIFixture.run(query, environment: ["CLICOLOR_FORCE": "1", "NO_COLOR": "", "COLUMNS": "45"])
        let lines = narrow.stdout.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { strip($0).count <= 45 }, "\(lines)")
        #expect(lines.contains { $0.hasSuffix("\u{1B}[0m…") && $0.contains(Self.bold) }, "\(lines)")

        #expect(try CLIFixture.run(query + ["--format", "csv"]).status == 2)
    }

    @Test func facetsCountEveryMatchInJSONAndUnderTheTable() throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        let all = try CLIFixture.object(try CLIFixture.run(["search", "crescendo", "--mode", "lexical", "--json"] + common).stdout)
        let everything = try #require(all["results"] as? [[String: Any]])
        var languages: [String: Int] = [:]
        for item in everything { languages[item["lang"] as? String ?? "?", default: 0] += 1 }

        let paged = try CLIFixture.object(try CLIFixture.run(
            ["search", "crescendo", "--mode", "lexical", "--limit", "1", "--facets", "lang,type", "--json"] + common).stdout)
        let facets = try #require(paged["facets"] as? [String: [String: Int]])
        #expect(facets["lang"] == languages)
        #expect(facets["type"]?.values.reduce(0, +) == everything.count)
        #expect(all["facets"] == nil)

        let table = try CLIFixture.run(["search", "crescendo", "--mode", "lexical", "--facets", "lang"] + common)
        #expect(table.stdout.contains("lang: en \(languages["en"] ?? 0)"), "\(table.stdout)")
        #expect(try CLIFixture.run(["search", "crescendo", "--facets", "colour"] + common).status == 2)
        #expect(try CLIFixture.run(["search", "crescendo", "--mode", "exact", "--facets", "lang"] + common).status == 2)
    }
}
