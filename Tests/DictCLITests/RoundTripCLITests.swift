import DictTesting
import Foundation
import Testing

/// Issue 14, items 5 and 6: `dict export` → `dict import entries` round-trips every field through JSON Lines and
/// CSV, through pipes (`-`).
@Suite struct RoundTripCLITests {
    /// Every entry of the dictionary at `common`, as `dict lookup --json` shows it, keyed by "term/lang", with the
    /// per-database parts (ids, timestamps, versions, popularity counters) removed and related terms as a set.
    func snapshot(_ common: [String]) throws -> [String: NSDictionary] {
        let export = try CLIFixture.run(["export", "--format", "jsonl", "--output", "-"] + common)
        #expect(export.status == 0, "\(export.stderr)")
        var result: [String: NSDictionary] = [:]
        for line in export.stdout.split(separator: "\n") {
            let exported = try CLIFixture.object(String(line))
            let term = try #require(exported["term"] as? String), lang = try #require(exported["lang"] as? String)
            let lookup = try CLIFixture.object(try CLIFixture.run(["lookup", term, "--lang", lang, "--json"] + common).stdout)
            var entry = try #require((lookup["entries"] as? [[String: Any]])?.first { $0["lang"] as? String == lang })
            let id = try #require(entry["id"] as? String)
            for key in ["id", "created_at", "updated_at", "version"] { entry.removeValue(forKey: key) }
            if var metadata = entry["metadata"] as? [String: Any] {
                metadata.removeValue(forKey: "search_frequency")
                metadata.removeValue(forKey: "last_accessed")
                entry["metadata"] = metadata
            }
            let related = ((lookup["related_terms"] as? [String: Any])?[id] as? [[String: Any]] ?? []).map {
                "\($0["term"] ?? "")/\($0["lang"] ?? "")/\($0["relationship_type"] ?? "")/\($0["confidence_score"] ?? "")"
            }
            entry["related"] = related.sorted()
            result["\(term)/\(lang)"] = NSDictionary(dictionary: entry)
        }
        return result
    }

    @Test func jsonLinesExportImportsBackWithEveryField() throws {
        let directory = try TemporaryDirectory()
        let source = try CLIFixture.importedDataDirectory(in: directory.url)
        let exported = try CLIFixture.run(["export", "--format", "jsonl", "--output", "-"] + source)
        #expect(exported.status == 0 && exported.stderr.contains("exported 6 entries"), "\(exported.stderr)")
        #expect(exported.stdout.split(separator: "\n").count == 6)

        let target = ["--data-dir", directory.url.appendingPathComponent("copy").path]
        let imported = try CLIFixture.run(["import", "entries", "-", "--format", "jsonl"] + target, input: Data(exported.stdout.utf8))
        #expect(imported.status == 0, "\(imported.stderr)")

        let before = try snapshot(source), after = try snapshot(target)
        #expect(before.count == 6)
        #expect(before.keys.sorted() == after.keys.sorted())
        for (key, entry) in before {
            #expect(entry == after[key], "\(key) differs:\n\(entry)\n\(after[key] ?? [:])")
        }
        // The relations really are there (not two empty lists compared).
        let crescendo = try #require(before["crescendo/en"])
        #expect((crescendo["related"] as? [String])?.count == 3 + 1, "\(crescendo)")  // swell, decrescendo, forte, 渐强
    }

    @Test func csvExportHasTheImportColumnsAndImportsBack() throws {
        let directory = try TemporaryDirectory()
        let source = try CLIFixture.importedDataDirectory(in: directory.url)
        let csvPath = directory.url.appendingPathComponent("out.csv")
        #expect(try CLIFixture.run(["export", "--format", "csv", "--output", csvPath.path] + source).status == 0)
        let csv = try String(contentsOf: csvPath, encoding: .utf8)
        #expect(csv.hasPrefix("term,lang,type,concise,detailed,etymology,usage_example,pronunciation_ipa,synonyms,antonyms,related_terms,categories,overall\r\n"))

        let target = ["--data-dir", directory.url.appendingPathComponent("copy").path]
        let imported = try CLIFixture.run(["import", "entries", csvPath.path] + target)
        #expect(imported.status == 0, "\(imported.stderr)")
        let again = try CLIFixture.run(["export", "--format", "csv", "--output", "-"] + target)
        #expect(again.status == 0)
        #expect(Set(again.stdout.components(separatedBy: "\r\n")) == Set(csv.components(separatedBy: "\r\n")))
        #expect(csv.contains("krəˈʃɛndoʊ") && csv.contains("swell") && csv.contains("dynamics; italian"))
    }

    @Test func dashIsStandardInputForEveryFileInput() throws {
        let directory = try TemporaryDirectory()
        let common = ["--data-dir", directory.url.appendingPathComponent("db").path]
        let glossary = try CLIFixture.run(["import", "glossary", "-", "--json"] + common, input: Data(CLIFixture.entries.utf8))
        #expect(glossary.status == 0 && glossary.stdout.contains("\"entries\":6"), "\(glossary.stderr)")

        let queries = #"{"query": "gradually getting louder", "expected": ["crescendo"]}"# + "\n"
        let eval = try CLIFixture.run(["eval", "-", "--modes", "lexical", "--json"] + common, input: Data(queries.utf8))
        #expect(eval.status == 0 && eval.stdout.contains("\"mode\":\"lexical\""), "\(eval.stderr)")

        let queued = try CLIFixture.run(["queue", "import", "-", "--lang", "en", "--json"] + common, input: Data("presto\n".utf8))
        #expect(queued.status == 0, "\(queued.stderr)")

        // Standard input has no extension to tell the format from.
        let embeddings = try CLIFixture.run(["import", "embeddings", "-"] + common, input: Data())
        #expect(embeddings.status == 2 && embeddings.stderr.contains("--format"), "\(embeddings.stderr)")
    }
}
