import DictMigrations
import DictStore
import DictTesting
import DictionaryCore
import Foundation
import GRDB
import Testing
@testable import DictionarySearch


@Suite("Word-frequency lists")
struct WordFrequencyImporterTests {
    private func database() throws -> (TemporaryDirectory, StoreDatabase) {
        let directory = try TemporaryDirectory()
        return (directory, try Service.dictionary.open(dataDirectory: directory.path))
    }

    @Test func aListReplacesItsLanguageUnderNormalizedKeys() throws {
        let (directory, database) = try database()
        let importer = WordFrequencyImporter(database: database)
        let file = directory.url.appendingPathComponent("en.tsv").path
        try "cheap\t4.71\nCafé\t3.20\ncafé\t3.50\n\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try importer.importList(at: file, language: .en) == 2)
        let stored = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT word, zipf FROM word_frequencies WHERE lang = 'en' ORDER BY word").map { ($0[0] as String, $0[1] as Double) }
        }
        // "Café" and "café" normalize alike: the higher value is kept.
        #expect(stored.map(\.0) == ["café", "cheap"] && stored.map(\.1) == [3.5, 4.71])
        // A second list replaces the first for that language only.
        try "dear\t4.0\n".write(toFile: file, atomically: true, encoding: .utf8)
        _ = try importer.importList(at: file, language: .en)
        #expect(try importer.wordCount(language: .en) == 1)
    }

    @Test func aBadLineRefusesTheWholeListAndNamesTheLine() throws {
        let (directory, database) = try database()
        let importer = WordFrequencyImporter(database: database)
        let file = directory.url.appendingPathComponent("de.tsv").path
        try "gut\t5.0\n".write(toFile: file, atomically: true, encoding: .utf8)
        _ = try importer.importList(at: file, language: .de)
        let cases: [(String, String)] = [
            ("ok\t3\nbad line\n", "word<TAB>zipf"),
            ("ok\t3\nword\t11\n", "a Zipf value in 0…10"),
            ("ok\t3\nword\tNaN\n", "a Zipf value in 0…10"),
            ("ok\t3\n\t3\n", "a word of 1…200 characters"),
        ]
        for (text, expected) in cases {
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            #expect {
                try importer.importList(at: file, language: .de)
            } throws: { error in
                guard case .invalidLine(_, let line, let what, _) = error as? WordFrequencyImportError else { return false }
                return line == 2 && what == expected
            }
            // Nothing changed: the earlier list is intact.
            #expect(try importer.wordCount(language: .de) == 1)
        }
        try Data([0x6F, 0x6B, 0x09, 0x33, 0x0A, 0xFF, 0x09, 0x33]).write(to: URL(fileURLWithPath: file))
        #expect(throws: WordFrequencyImportError.invalidLine(file: file, line: 2, expected: "UTF-8 text", found: "invalid UTF-8")) {
            try importer.importList(at: file, language: .de)
        }
        #expect(throws: WordFrequencyImportError.self) { try importer.importDirectory(directory.url.appendingPathComponent("none").path) }
    }
}
