import DictMigrations
import DictPostgres
import DictStore
import DictTesting
import DictionaryCore
import Foundation
import GRDB
import PostgresNIO
import Testing
@testable import DictionarySearch

/// Word frequencies on PostgreSQL: the same rows as the SQLite importer stores for the same list, and a new list
/// replaces its language only.
@Suite("PostgreSQL word frequencies", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresWordFrequencyStoreTests {
    @Test func sameRowsAsSQLiteAndAListReplacesItsLanguage() async throws {
        let directory = try TemporaryDirectory()
        let english = directory.url.appendingPathComponent("en.tsv").path
        let german = directory.url.appendingPathComponent("de.tsv").path
        try "cheap\t4.71\nCafé\t3.20\ncafé\t3.50\nnaïve\t3.1\n\n".write(toFile: english, atomically: true, encoding: .utf8)
        try "gut\t5.0\nStraße\t4.2\n".write(toFile: german, atomically: true, encoding: .utf8)

        let sqlite = try Service.dictionary.openInMemory()
        let importer = WordFrequencyImporter(database: sqlite)
        _ = try importer.importDirectory(directory.path)
        let expected = try sqlite.read { db in
            try Row.fetchAll(db, sql: "SELECT lang, word, zipf FROM word_frequencies ORDER BY lang, word")
                .map { "\($0[0] as String) \($0[1] as String) \($0[2] as Double)" }
        }
        #expect(expected.count == 5)

        try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            let store = PostgresWordFrequencyStore(session: session)
            let imported = try await store.importDirectory(directory.path)
            #expect(imported.map(\.1) == [2, 3])
            let rows = try await session.execute("SELECT lang, word, zipf FROM word_frequencies ORDER BY lang, word")
            let stored = try rows.map { row -> String in
                let (lang, word, zipf) = try row.decode((String, String, Double).self)
                return "\(lang) \(word) \(zipf)"
            }
            #expect(stored == expected)

            try "dear\t4.0\n".write(toFile: english, atomically: true, encoding: .utf8)
            try await store.replace(language: .en, words: WordFrequencyImporter.readList(at: english))
            #expect(try await store.wordCount(language: .en) == 1)
            #expect(try await store.wordCount(language: .de) == 2)
        }
    }
}
