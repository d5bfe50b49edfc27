import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionaryImport
@testable import DictionarySearch


@Suite struct GlossaryImporterTests {
    static let good = """
        {"term":"crescendo","lang":"en","type":"dynamics","source_lang":"it","definition":{"concise":"Gradually louder.","detailed":"Longer."},"metadata":{"related_terms":["decrescendo","missing term"],"synonyms":["cresc."],"antonyms":["Decrescendo"],"categories":["dynamics"],"instruments":[],"difficulty_level":"beginner","musical_period":"any"},"quality_score":{"overall":88}}

        {"term":"decrescendo","lang":"en","type":"dynamics","definition":{"concise":"Gradually softer."},"metadata":{"related_terms":["crescendo"]},"quality_score":{"overall":80}}
        {"term":"渐强","lang":"zh-CN","type":"dynamics","definition":{"concise":"逐渐变强"},"metadata":{"translation_of":"Crescendo"},"quality_score":{"overall":85}}
        """

    @Test(arguments: DatabaseKind.allCases)
    func importsEntriesAndResolvesRelations(kind: DatabaseKind) async throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let repository = EntryRepository(database: database)
        let importer = GlossaryImporter(repository: repository)
        let report = try importer.importSources([("en.jsonl", Data(Self.good.utf8))])
        #expect(report.stored == 3 && report.lines == 3 && report.files == 1)
        // crescendo: related decrescendo + antonym decrescendo; "missing term" and "cresc." unresolved;
        // decrescendo: related crescendo; 渐强 ↔ crescendo see_also both ways.
        #expect(report.relationsCreated == 5)
        #expect(report.unresolvedNames == 2)
        let crescendo = try #require(try repository.entry(term: "crescendo", lang: .en))
        #expect(crescendo.sourceLang == .it)
        #expect(crescendo.metadata.extras["musical_period"] == .string("any"))
        let related = try await SQLiteSearchStore(database: database).relatedTerms(to: crescendo.id, limit: 10)
        #expect(Set(related.map(\.relationshipType)) == ["antonym", "related", "see_also"])
        // Re-import replaces in place (idempotent count, version bumped).
        let again = try importer.importSources([("en.jsonl", Data(Self.good.utf8))])
        #expect(again.relationsCreated == 0)
        #expect(try repository.count() == 3)
        #expect(try repository.entry(term: "crescendo", lang: .en)?.version == 2)
    }

    @Test(arguments: DatabaseKind.allCases)
    func hostileFilesFailWithFileAndLineAndWriteNothing(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let repository = EntryRepository(database: database)
        let importer = GlossaryImporter(repository: repository)
        let valid = Data(#"{"term":"ok","lang":"en","type":"general"}"#.utf8) + Data("\n".utf8)
        let cases: [(Data, GlossaryImporter.ImportError)] = [
            (valid + Data("{not json\n".utf8), .invalidJSON(file: "b.jsonl", line: 2, reason: "not valid JSON")),
            (valid + Data([0x7B, 0xFF, 0xFE, 0x7D, 0x0A]), .invalidUTF8(file: "b.jsonl", line: 2)),
            (valid + Data(#"{"term":"x","lang":"xx","type":"general"}"#.utf8), .invalidEntry(file: "b.jsonl", line: 2, error: .invalidLanguage(found: "xx"))),
            (valid + Data(#"{"term":"x","lang":"en","type":"banana"}"#.utf8), .invalidEntry(file: "b.jsonl", line: 2, error: .invalidType(found: "banana"))),
            (valid + Data(#"{"lang":"en","type":"general"}"#.utf8), .invalidJSON(file: "b.jsonl", line: 2, reason: "missing key \"term\"")),
            (valid + Data(#"{"term":"x","lang":"en","type":"general","quality_score":{"overall":300}}"#.utf8),
             .invalidEntry(file: "b.jsonl", line: 2, error: .valueOutOfRange(field: "quality_score.overall", expected: 0...100, found: 300))),
            (valid + Data(#"{"term":"OK ","lang":"en","type":"general"}"#.utf8), .duplicateEntry(file: "b.jsonl", line: 2, firstFile: "b.jsonl", firstLine: 1)),
        ]
        for (data, expected) in cases {
            #expect(throws: expected) { try importer.importSources([("a.jsonl", Data()), ("b.jsonl", data)]) }
            #expect(try repository.count() == 0, "nothing may be written after \(expected)")
        }
        #expect(throws: GlossaryImporter.ImportError.self) { try importer.importFiles(["/nonexistent/x.jsonl"]) }
    }

    @Test func defaultFilesFindsTheGlossaryFolder() throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("data/glossary")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["b.jsonl", "a.jsonl", "notes.txt"] { try Data().write(to: folder.appendingPathComponent(name)) }
        #expect(GlossaryImporter.defaultFiles(from: directory.path).map { URL(fileURLWithPath: $0).lastPathComponent } == ["a.jsonl", "b.jsonl"])
    }
}
