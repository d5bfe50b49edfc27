import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
import Testing
@testable import DictionaryCore
@testable import DictionaryImport


@Suite struct EntryFileImporterTests {
    static let jsonl = """
        {"term":"crescendo","lang":"en","type":"dynamics","definition":{"concise":"Gradually louder."},"metadata":{"related_terms":["decrescendo"],"synonyms":["cresc."]},"quality_score":{"overall":88}}

        {"term":"decrescendo","lang":"en","type":"dynamics","definition":{"concise":"Gradually softer."},"quality_score":{"overall":80}}
        {"term":"渐强","lang":"zh-CN","type":"dynamics","definition":{"concise":"逐渐变强"},"metadata":{"translation_of":"crescendo"}}
        """

    /// Quoted commas, a doubled quote, a quoted CRLF/LF newline, a BOM, CRLF line ends and "; " lists.
    static let csv = "\u{FEFF}term,lang,type,concise,detailed,etymology,synonyms,related_terms,overall\r\n"
        + "staccato,en,articulation,\"Short, detached notes.\",\"Each note is \"\"cut\"\" short.\nSecond line.\",Italian,stacc.; stacc,legato,91\r\n"
        + "legato,en,articulation,Smooth and connected.,,,,staccato; slur,\r\n"
        + "\r\n"
        + "Klavier,de,instrument,Das Tasteninstrument.,\"\",,,,60\n"

    private func entryCount(_ database: StoreDatabase) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM dictionary_entries") ?? -1 }
    }

    @Test(arguments: DatabaseKind.allCases)
    func importsJSONLWithRelations(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let repository = EntryRepository(database: database)
        var calls: [(Int, Int)] = []
        let report = try EntryFileImporter(repository: repository).importData(
            Data(Self.jsonl.utf8), name: "mine.jsonl", format: .jsonl) { calls.append(($0, $1)) }
        #expect(report.records == 3 && report.written == 3 && report.skipped.isEmpty)
        // crescendo → decrescendo (related); 渐强 ↔ crescendo (see_also both ways); "cresc." is unresolved.
        #expect(report.relationsCreated == 3 && report.unresolvedNames == 1)
        #expect(calls.last.map { $0 == (3, 3) } == true)
        let crescendo = try #require(try repository.entry(term: "Crescendo", lang: .en))
        #expect(crescendo.qualityScore.overall == 88)
        #expect(try repository.entry(term: "渐强", lang: .zhCN)?.metadata.translationOf == "crescendo")
    }

    @Test(arguments: DatabaseKind.allCases)
    func importsCSVWithQuotingAndNewlines(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let repository = EntryRepository(database: database)
        let report = try EntryFileImporter(repository: repository).importData(Data(Self.csv.utf8), name: "mine.csv", format: .csv)
        #expect(report.records == 3 && report.written == 3)
        let staccato = try #require(try repository.entry(term: "staccato", lang: .en))
        #expect(staccato.definition.concise == "Short, detached notes.")
        #expect(staccato.definition.detailed == "Each note is \"cut\" short.\nSecond line.")
        #expect(staccato.definition.etymology == "Italian")
        #expect(staccato.metadata.synonyms == ["stacc.", "stacc"])
        #expect(staccato.metadata.relatedTerms == ["legato"])
        #expect(staccato.qualityScore.overall == 91)
        let legato = try #require(try repository.entry(term: "legato", lang: .en))
        #expect(legato.definition.detailed == nil && legato.qualityScore.overall == 0)
        #expect(legato.metadata.relatedTerms == ["staccato", "slur"])
        #expect(try repository.entry(term: "klavier", lang: .de)?.qualityScore.overall == 60)
        // staccato → legato, legato → staccato; "slur", "stacc." and "stacc" unresolved.
        #expect(report.relationsCreated == 2 && report.unresolvedNames == 3)
    }

    static let goodLine = #"{"term":"ok","lang":"en","type":"general"}"#
    static let header = "term,lang,type,concise,detailed\n"

    /// (file name, format, bytes, expected error): each aborts the import and writes nothing.
    static let hostile: [(String, EntryFileFormat, [UInt8], EntryFileImportError)] = [
        ("a.jsonl", .jsonl, Array("\(goodLine)\n{not json\n".utf8), .invalidRecord(file: "a.jsonl", line: 2, problem: .invalidJSON(reason: "not valid JSON"))),
        ("a.jsonl", .jsonl, Array("\(goodLine)\n".utf8) + [0x7B, 0xFF, 0x7D, 0x0A], .invalidRecord(file: "a.jsonl", line: 2, problem: .invalidUTF8)),
        ("a.jsonl", .jsonl, Array("\(goodLine)\n{\"term\":\"x\",\"lang\":\"xx\",\"type\":\"general\"}".utf8),
         .invalidRecord(file: "a.jsonl", line: 2, problem: .invalidEntry(.invalidLanguage(found: "xx")))),
        ("a.jsonl", .jsonl, Array("\(goodLine)\n\n{\"term\":\"OK\",\"lang\":\"en\",\"type\":\"tempo\"}".utf8),
         .invalidRecord(file: "a.jsonl", line: 3, problem: .duplicate(firstLine: 1))),
        ("a.jsonl", .jsonl, Array("\(goodLine)\n{\"term\":\"y\",\"lang\":\"en\",\"type\":\"general\",\"quality_score\":{\"overall\":150}}".utf8),
         .invalidRecord(file: "a.jsonl", line: 2, problem: .invalidEntry(.valueOutOfRange(field: "quality_score.overall", expected: 0...100, found: 150)))),
        ("a.jsonl", .jsonl, Array(" \n\n".utf8), .emptyFile(file: "a.jsonl")),
        ("b.csv", .csv, [], .emptyFile(file: "b.csv")),
        ("b.csv", .csv, Array(header.utf8), .emptyFile(file: "b.csv")),
        ("b.csv", .csv, Array("term,lang,type\nx,en,general\n".utf8), .missingColumns(file: "b.csv", missing: ["concise", "detailed"])),
        ("b.csv", .csv, Array("term,lang,type,concise,detailed,colour\n".utf8),
         .unexpectedColumn(file: "b.csv", column: "colour", expected: EntryCSVColumns.required + EntryCSVColumns.optional)),
        ("b.csv", .csv, Array("\(header)ok,en,general,,\nx,en,general,\"never closed\n\nmore\n".utf8),
         .invalidRecord(file: "b.csv", line: 3, problem: .invalidCSV(reason: "quoted field opened on line 3 is never closed"))),
        ("b.csv", .csv, Array("\(header)ok,en,general,,\nx,en,general,say \"hi\",\n".utf8),
         .invalidRecord(file: "b.csv", line: 3, problem: .invalidCSV(reason: "quote inside an unquoted field (quote the whole field and double the quote)"))),
        ("b.csv", .csv, Array("\(header)ok,en,general,,\nx,en,general\n".utf8),
         .invalidRecord(file: "b.csv", line: 3, problem: .invalidCSV(reason: "expected 5 fields (as in the header), found 3"))),
        ("b.csv", .csv, Array("\(header)ok,en,general,,\n".utf8) + Array("x,en,general,".utf8) + [0xC3, 0x28] + Array(",\n".utf8),
         .invalidRecord(file: "b.csv", line: 3, problem: .invalidUTF8)),
        ("b.csv", .csv, Array("term,lang,type,concise,detailed,overall\nok,en,general,,,NaN\n".utf8),
         .invalidRecord(file: "b.csv", line: 2, problem: .invalidEntry(.invalidShape(field: "overall", expected: "a number from 0 to 100", found: "\"NaN\"")))),
        ("b.csv", .csv, Array("\(header)'; DROP TABLE dictionary_entries; --,en,nope,,\n".utf8),
         .invalidRecord(file: "b.csv", line: 2, problem: .invalidEntry(.invalidType(found: "nope")))),
    ]

    @Test(arguments: DatabaseKind.allCases)
    func hostileFilesAbortWithFileAndLineAndWriteNothing(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let importer = EntryFileImporter(repository: EntryRepository(database: database))
        for (name, format, bytes, expected) in Self.hostile {
            #expect(throws: expected, "\(expected)") {
                try importer.importData(Data(bytes), name: name, format: format)
            }
            #expect(try entryCount(database) == 0, "\(expected) wrote rows")
        }
    }

    @Test(arguments: DatabaseKind.allCases)
    func skipInvalidImportsTheRestAndReportsBadLines(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let repository = EntryRepository(database: database)
        let importer = EntryFileImporter(repository: repository)
        let jsonl = Array("\(Self.goodLine)\n{broken\n".utf8) + [0xFF, 0x0A]
            + Array("{\"term\":\"second\",\"lang\":\"en\",\"type\":\"tempo\"}\n{\"term\":\"Ok\",\"lang\":\"en\",\"type\":\"tempo\"}\n".utf8)
        let report = try importer.importData(Data(jsonl), name: "s.jsonl", format: .jsonl, skipInvalid: true)
        #expect(report.written == 2 && report.records == 5)
        #expect(report.skipped.map(\.line) == [2, 3, 5])
        #expect(report.skipped.last?.reason == "same term and language as line 1")
        #expect(try entryCount(database) == 2)

        let csv = "\(Self.header)third,en,general,,\nbad,en,general\nfourth,en,bogus,,\nfifth,de,form,Eine Form.,\n"
        let csvReport = try importer.importData(Data(csv.utf8), name: "s.csv", format: .csv, skipInvalid: true)
        #expect(csvReport.written == 2 && csvReport.skipped.map(\.line) == [3, 4])
        #expect(try entryCount(database) == 4)

        // Rejected by the database at write time (existing term with onExisting: .fail): skipped, the rest kept.
        let clash = "{\"term\":\"second\",\"lang\":\"en\",\"type\":\"tempo\"}\n{\"term\":\"sixth\",\"lang\":\"en\",\"type\":\"tempo\"}\n"
        let clashReport = try importer.importData(Data(clash.utf8), name: "c.jsonl", format: .jsonl, onExisting: .fail, skipInvalid: true)
        #expect(clashReport.written == 1 && clashReport.skipped.map(\.line) == [1])
        #expect(try entryCount(database) == 5)
    }

    @Test(arguments: DatabaseKind.allCases)
    func reimportReplacesSkipsOrFails(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        defer { _ = directory }
        let repository = EntryRepository(database: database)
        let importer = EntryFileImporter(repository: repository)
        _ = try importer.importData(Data(Self.csv.utf8), name: "m.csv", format: .csv)
        let edited = Self.csv.replacingOccurrences(of: "Smooth and connected.", with: "Bound together.")
        let replaced = try importer.importData(Data(edited.utf8), name: "m.csv", format: .csv, onExisting: .replace)
        #expect(replaced.written == 3 && replaced.relationsCreated == 0)
        let legato = try #require(try repository.entry(term: "legato", lang: .en))
        #expect(legato.definition.concise == "Bound together." && legato.version == 2)
        #expect(try entryCount(database) == 3)

        let kept = try importer.importData(Data(Self.csv.utf8), name: "m.csv", format: .csv, onExisting: .skip)
        #expect(kept.written == 0 && kept.kept == 3)
        #expect(try repository.entry(term: "legato", lang: .en)?.definition.concise == "Bound together.")

        #expect(throws: EntryFileImportError.self) {
            try importer.importData(Data(Self.csv.utf8), name: "m.csv", format: .csv, onExisting: .fail)
        }
        #expect(try repository.entry(term: "legato", lang: .en)?.version == 2)
    }

    @Test func readsFilesAndInfersTheFormat() throws {
        let directory = try TemporaryDirectory()
        let (database, _) = try DatabaseKind.memory.open(.dictionary)
        let path = directory.url.appendingPathComponent("entries.CSV").path
        try Data(Self.csv.utf8).write(to: URL(fileURLWithPath: path))
        #expect(EntryFileFormat(path: path) == .csv && EntryFileFormat(path: "x.jsonl") == .jsonl && EntryFileFormat(path: "x.txt") == nil)
        let report = try EntryFileImporter(repository: EntryRepository(database: database)).importFile(at: path)
        #expect(report.written == 3)
        #expect(throws: EntryFileImportError.self) {
            try EntryFileImporter(repository: EntryRepository(database: database)).importFile(at: directory.path + "/missing.csv")
        }
    }
}
