import DictTesting
import Foundation
import Testing

/// Issue 14, items 3, 6, 8 and 11: `dict search` output formats, the notes it prints, its help, and its table.
@Suite struct SearchOutputCLITests {
    @Test func formatsCarryTheSameResults() throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        let query = ["search", "gradually", "--mode", "lexical"] + common
        let json = try CLIFixture.object(try CLIFixture.run(query + ["--format", "json"]).stdout)
        let synonym = try CLIFixture.object(try CLIFixture.run(query + ["--json"]).stdout)
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.count >= 2)
        #expect(NSDictionary(dictionary: json) == NSDictionary(dictionary: synonym), "--json is not --format json")

        // Each item is the full entry plus the hit's score.
        let first = try #require(results.first)
        for key in ["id", "term", "normalized_term", "lang", "type", "definition", "metadata", "quality_score", "created_at", "score"] {
            #expect(first[key] != nil, "result item lacks \(key)")
        }

        let lines = try CLIFixture.run(query + ["--format", "jsonl"]).stdout.split(separator: "\n")
        #expect(lines.count == results.count)
        let lineIDs = try lines.map { try CLIFixture.object(String($0))["id"] as? String }
        #expect(lineIDs == results.map { $0["id"] as? String })

        let csv = try CLIFixture.run(query + ["--format", "csv"]).stdout
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == "id,term,lang,type,score,definition")
        #expect(rows.count == results.count + 1)
        #expect(rows.dropFirst().map { String($0.prefix(36)) } == results.map { $0["id"] as? String ?? "" })

        #expect(try CLIFixture.run(query + ["--json", "--format", "csv"]).status == 2)
    }

    @Test func semanticSearchWithoutVectorsSaysToRunEmbed() throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        // Hybrid without a model still answers lexically, and says the vectors are missing.
        let hybrid = try CLIFixture.run(["search", "getting louder", "--json"] + common)
        #expect(hybrid.stderr.contains("run `dict embed`"), "\(hybrid.stderr)")
        let notes = try #require(try CLIFixture.object(hybrid.stdout)["notes"] as? [String])
        #expect(notes.contains { $0.contains("dict embed") })
    }

    @Test(.enabled(if: DictBinary.modelInstalled, "needs bash models/install.sh"))
    func semanticModeWithAModelButNoVectorsSaysToRunEmbed() throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        let result = try DictBinary.run(
            ["search", "getting louder", "--mode", "semantic"] + common, environment: ["DICT_MODEL_DIR": DictBinary.modelDirectory.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("run `dict embed`"), "\(result.stderr)")
    }

    @Test func helpStatesTheDefaultsDifferFromHTTP() throws {
        let help = try CLIFixture.run(["help", "search"]).stdout.replacingOccurrences(of: "\n", with: " ")
            .split(separator: " ").joined(separator: " ")
        #expect(help.contains("GET /api/v1/search runs lexical search in English"), "\(help)")
        #expect(help.contains("hybrid search in every language"))
        let doc = try String(contentsOf: DictBinary.packageRoot.appendingPathComponent("docs/http-api.md"), encoding: .utf8)
        let top = doc.split(separator: "\n").prefix(12).joined(separator: " ")
        #expect(top.contains("Defaults differ from the CLI") && top.contains("**lexical**") && top.contains("**hybrid**"))
    }

    /// Cells of `text` in a terminal: CJK ideographs two, everything else in the fixture one.
    static func cells(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ((0x4E00...0x9FFF).contains($1.value) ? 2 : 1) }
    }

    @Test func tableAlignsCJKFitsTheTerminalAndHasNoTrailingSpaces() throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        for width in [60, 200] {
            // An empty lexical query browses every entry, the CJK one included.
            let result = try CLIFixture.run(["search", "", "--mode", "lexical"] + common, environment: ["COLUMNS": "\(width)"])
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(lines.contains { $0.contains("渐强") }, "\(result.stdout)")
            for line in lines {
                #expect(Self.cells(line) <= width, "wider than \(width): \(line)")
                #expect(line.last != " ", "trailing space: \(line)")
            }
            // The LANG column starts at the same cell on every row, CJK terms included.
            let table = lines.dropLast()
            let starts = table.map { line -> Int in
                let term = line.prefix { $0 != " " }
                return Self.cells(term) + line.dropFirst(term.count).prefix { $0 == " " }.count
            }
            #expect(Set(starts).count == 1, "columns not aligned: \(result.stdout)")
        }
    }
}
