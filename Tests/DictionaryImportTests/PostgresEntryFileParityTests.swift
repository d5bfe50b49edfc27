import DictMigrations
import DictPostgres
import DictStore
import DictTesting
import Foundation
import GRDB
import PostgresNIO
import Testing
@testable import DictionaryCore
@testable import DictionaryImport

/// `dict import entries` on both engines: the same JSONL and CSV files, imported in the same order with each
/// `--on-existing` policy and `--skip-invalid`, give the same reports, entries and relations on SQLite and on
/// PostgreSQL; a bad record gives the same `file:line` error on both and writes nothing.
@Suite("Entry file import parity between SQLite and PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresEntryFileParityTests {
    /// Metadata relations (synonyms, related terms, a translation) and exported `relations`: resolved, to itself,
    /// of a type the schema refuses, unresolved, and one the metadata already created.
    static let jsonl = """
        {"term":"crescendo","lang":"en","type":"dynamics","definition":{"concise":"Gradually louder.","senses":[{"pos":"noun","gloss":"a gradual increase in loudness","frequency":5},{"pos":"verb","gloss":"grow louder"}]},"metadata":{"related_terms":["decrescendo"],"synonyms":["cresc."]},"quality_score":{"overall":88}}

        {"term":"decrescendo","lang":"en","type":"dynamics","definition":{"concise":"Gradually softer."},"quality_score":{"overall":80}}
        {"term":"渐强","lang":"zh-CN","type":"dynamics","definition":{"concise":"逐渐变强"},"metadata":{"translation_of":"crescendo"}}
        {"term":"forte","lang":"en","type":"dynamics","definition":{"concise":"Loud."},"relations":[{"term":"Crescendo","lang":"en","type":"related","confidence":0.6},{"term":"forte","lang":"en","type":"synonym"},{"term":"decrescendo","lang":"en","type":"bogus"},{"term":"nowhere","lang":"en","type":"antonym"},{"term":"decrescendo","lang":"en","type":"antonym"}]}
        {"term":"Crème","lang":"fr","type":"general","definition":{"concise":"Crème."},"relations":[{"term":"forte","lang":"en","type":"see_also","confidence":0.5}]}
        """

    /// An existing term (`crescendo`, kept by `.skip` with its stored relations linked again), new ones naming it.
    static let csv = "term,lang,type,concise,detailed,etymology,synonyms,related_terms,overall\r\n"
        + "staccato,en,articulation,\"Short, detached notes.\",\"Each note is \"\"cut\"\" short.\",Italian,stacc.,legato; crescendo,91\r\n"
        + "Crescendo,en,dynamics,Other text.,,,,,10\r\n"
        + "legato,en,articulation,Smooth and connected.,,,,staccato; slur,\r\n"

    /// Under `.fail` with skip-invalid: an existing term refused, a bad line, a new term.
    static let failing = """
        {"term":"piano","lang":"en","type":"dynamics","definition":{"concise":"Soft."},"metadata":{"antonyms":["forte"]}}
        {"term":"FORTE","lang":"en","type":"dynamics","definition":{"concise":"Loud again."}}
        {not json
        """

    /// `.replace` of a stored entry with new text, and of one with the same text.
    static let replacing = """
        {"term":"crescendo","lang":"en","type":"dynamics","definition":{"concise":"Louder, gradually."},"metadata":{"related_terms":["forte"]},"quality_score":{"overall":70}}
        {"term":"legato","lang":"en","type":"articulation","definition":{"concise":"Smooth and connected."}}
        """

    static let steps: [(name: String, text: String, format: EntryFileFormat, policy: EntryRepository.ExistingEntryPolicy, skipInvalid: Bool)] = [
        ("a.jsonl", jsonl, .jsonl, .replace, false),
        ("b.csv", csv, .csv, .skip, false),
        ("c.jsonl", failing, .jsonl, .fail, true),
        ("d.jsonl", replacing, .jsonl, .replace, false),
    ]

    @Test("The same JSONL and CSV files with every policy: same reports, entries and relations on both engines")
    func filesGiveTheSameRows() async throws {
        let sqlite = try Service.dictionary.openInMemory()
        let importer = EntryFileImporter(repository: EntryRepository(database: sqlite))
        var sqliteReports: [EntryFileImportReport] = []
        for step in Self.steps {
            sqliteReports.append(try importer.importData(Data(step.text.utf8), name: step.name, format: step.format,
                                                         onExisting: step.policy, skipInvalid: step.skipInvalid))
        }
        let expected = try PostgresImportParityTests.sqliteShapes(sqlite)
        #expect(sqliteReports.map(\.written) == [5, 2, 1, 2])
        #expect(sqliteReports[1].kept == 1)
        #expect(sqliteReports[2].skipped.map(\.line) == [2, 3])

        for method in PostgresEntryImportStore.BulkMethod.allCases {
            let (reports, shapes) = try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
                let importer = PostgresEntryFileImporter(session: session, method: method)
                var reports: [EntryFileImportReport] = []
                for step in Self.steps {
                    reports.append(try await importer.importData(Data(step.text.utf8), name: step.name, format: step.format,
                                                                 onExisting: step.policy, skipInvalid: step.skipInvalid))
                }
                return (reports, try await PostgresImportParityTests.postgresShapes(session))
            }
            #expect(reports == sqliteReports, "\(method)")
            #expect(shapes.0 == expected.0, "\(method): entries differ: \(shapes.0.symmetricDifference(expected.0).prefix(3))")
            #expect(shapes.1 == expected.1, "\(method): relations differ: \(shapes.1.symmetricDifference(expected.1).prefix(4))")
        }
    }

    /// Files that must fail on their line, each after `jsonl` is stored.
    static let badFiles: [(name: String, text: String, format: EntryFileFormat, policy: EntryRepository.ExistingEntryPolicy)] = [
        ("json.jsonl", "{\"term\":\"a\",\"lang\":\"en\",\"type\":\"general\"}\n\n{not json\n", .jsonl, .replace),
        ("empty-term.jsonl", "{\"term\":\"a\",\"lang\":\"en\",\"type\":\"general\"}\n{\"term\":\" \",\"lang\":\"en\",\"type\":\"general\"}\n", .jsonl, .replace),
        ("lang.csv", "term,lang,type,concise,detailed\nalpha,en,general,A.,\nbeta,xx,general,B.,\n", .csv, .replace),
        ("score.jsonl", "{\"term\":\"b\",\"lang\":\"en\",\"type\":\"general\",\"quality_score\":{\"overall\":101}}\n", .jsonl, .replace),
        ("twice.jsonl", "{\"term\":\"Tempo\",\"lang\":\"en\",\"type\":\"general\"}\n{\"term\":\"tempo\",\"lang\":\"en\",\"type\":\"general\"}\n", .jsonl, .replace),
        ("exists.jsonl", "{\"term\":\"new one\",\"lang\":\"en\",\"type\":\"general\"}\n{\"term\":\"Forte\",\"lang\":\"en\",\"type\":\"general\"}\n", .jsonl, .fail),
        ("blank.jsonl", "\n  \n", .jsonl, .replace),
        ("header.csv", "term,lang\n", .csv, .replace),
    ]

    @Test("A bad record: the same file:line error on both engines, and neither writes anything")
    func badRecordsFailAlikeAndWriteNothing() async throws {
        let sqlite = try Service.dictionary.openInMemory()
        let importer = EntryFileImporter(repository: EntryRepository(database: sqlite))
        _ = try importer.importData(Data(Self.jsonl.utf8), name: "a.jsonl", format: .jsonl)
        let before = try PostgresImportParityTests.sqliteShapes(sqlite)
        var sqliteErrors: [String] = []
        for file in Self.badFiles {
            do {
                _ = try importer.importData(Data(file.text.utf8), name: file.name, format: file.format, onExisting: file.policy)
                sqliteErrors.append("imported")
            } catch { sqliteErrors.append("\(error)") }
        }
        #expect(try PostgresImportParityTests.sqliteShapes(sqlite) == before)
        #expect(sqliteErrors[0].hasPrefix("json.jsonl:3: "), "\(sqliteErrors[0])")
        #expect(sqliteErrors[5].hasPrefix("exists.jsonl:2: "), "\(sqliteErrors[5])")

        let (postgresErrors, after, stored) = try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            let importer = PostgresEntryFileImporter(session: session)
            _ = try await importer.importData(Data(Self.jsonl.utf8), name: "a.jsonl", format: .jsonl)
            let stored = try await PostgresImportParityTests.postgresShapes(session)
            var errors: [String] = []
            for file in Self.badFiles {
                do {
                    _ = try await importer.importData(Data(file.text.utf8), name: file.name, format: file.format, onExisting: file.policy)
                    errors.append("imported")
                } catch { errors.append("\(error)") }
            }
            return (errors, try await PostgresImportParityTests.postgresShapes(session), stored)
        }
        #expect(postgresErrors == sqliteErrors)
        #expect(after == stored)
        #expect(stored.0 == before.0 && stored.1 == before.1)
    }
}
