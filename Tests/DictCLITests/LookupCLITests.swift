import DictTesting
import Foundation
import Testing

/// Issue 14, item 4: lookup falls back to other languages with a note, never suggests the query itself, and its
/// JSON keeps each related term's relation, once.
@Suite struct LookupCLITests {
    @Test func termInAnotherLanguageIsShownWithANote() throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        let result = try CLIFixture.run(["lookup", "Klavier"] + common)
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("Tasteninstrument"))
        #expect(!result.stdout.contains("Did you mean"))
        #expect(result.stderr.contains("not in en") && result.stderr.contains("de"), "\(result.stderr)")
    }

    @Test func theQueryIsNeverItsOwnSuggestion() throws {
        let directory = try TemporaryDirectory()
        let common = try CLIFixture.importedDataDirectory(in: directory.url)
        for term in ["forte", "Klavier", "crescendo"] {
            let result = try CLIFixture.run(["lookup", term, "--lang", "fr", "--json"] + common)
            let body = try CLIFixture.object(result.stdout)
            let suggestions = try #require(body["suggestions"] as? [String])
            #expect(!suggestions.contains { $0.lowercased() == term.lowercased() }, "\(term): \(suggestions)")
            #expect(result.status == 0)
        }
        let absent = try CLIFixture.run(["lookup", "cresc"] + common)
        #expect(absent.status == 1 && absent.stdout.contains("Did you mean: crescendo"), "\(absent.stdout)")
    }

    @Test func jsonKeepsEachRelatedTermOnceWithItsRelation() throws {
        let directory = try TemporaryDirectory()
        // decrescendo is both an antonym and a related term of crescendo: listed once, with the stronger relation.
        let entries = CLIFixture.entries.replacingOccurrences(of: #""related_terms":["forte"]"#, with: #""related_terms":["forte","decrescendo"]"#)
        let common = try CLIFixture.importedDataDirectory(in: directory.url, entries: entries)
        let result = try CLIFixture.run(["lookup", "crescendo", "--json"] + common)
        #expect(result.status == 0, "\(result.stderr)")
        let body = try CLIFixture.object(result.stdout)
        let entry = try #require((body["entries"] as? [[String: Any]])?.first)
        let id = try #require(entry["id"] as? String)
        let related = try #require((body["related_terms"] as? [String: Any])?[id] as? [[String: Any]])
        let pairs = related.map { "\($0["term"] as? String ?? "?"):\($0["relationship_type"] as? String ?? "?")" }
        #expect(Set(pairs).count == pairs.count)
        #expect(related.filter { $0["term"] as? String == "decrescendo" }.count == 1, "\(pairs)")
        #expect(pairs.contains("swell:synonym") && pairs.contains("decrescendo:antonym") && pairs.contains("forte:related"), "\(pairs)")
    }
}
