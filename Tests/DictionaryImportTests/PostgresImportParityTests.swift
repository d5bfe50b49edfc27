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

/// One import, two engines: the bundled glossary and the WordNet fixture imported into SQLite and into PostgreSQL
/// give the same entries (keys, attributes, JSON columns compared as values) and the same relations; a bad line
/// fails the same way on both and leaves PostgreSQL empty.
@Suite("Import parity between SQLite and PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresImportParityTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// An entry as both engines must store it; JSON columns re-serialized with sorted keys.
    struct EntryShape: Hashable {
        let key: String
        let columns: [String]
    }

    static func canonicalJSON(_ text: String) throws -> String {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        return String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    static let entrySQL = """
        SELECT normalized_term, lang, term, folded_term, type, coalesce(source_lang, ''), overall_score, version,
               definition, refs, metadata, quality_score, ai_metadata
        FROM dictionary_entries
        """
    static let relationSQL = """
        SELECT a.normalized_term, a.lang, b.normalized_term, b.lang, r.relationship_type, r.confidence_score
        FROM related_terms r JOIN dictionary_entries a ON a.id = r.entry_id JOIN dictionary_entries b ON b.id = r.related_entry_id
        """

    static func sqliteShapes(_ database: StoreDatabase) throws -> (Set<EntryShape>, Set<String>) {
        try database.read { db in
            let entries = try Row.fetchAll(db, sql: entrySQL).map { row -> EntryShape in
                let json = try (8...12).map { try canonicalJSON(row[$0]) }
                let plain: [String] = [row[2], row[3], row[4], row[5], "\(row[6] as Double)", "\(row[7] as Int)"]
                return EntryShape(key: "\(row[0] as String)|\(row[1] as String)", columns: plain + json)
            }
            let relations = try Row.fetchAll(db, sql: relationSQL).map { row -> String in
                "\(row[0] as String)|\(row[1] as String) → \(row[2] as String)|\(row[3] as String) \(row[4] as String) \(row[5] as Double)"
            }
            return (Set(entries), Set(relations))
        }
    }

    static func postgresShapes(_ session: PostgresSession) async throws -> (Set<EntryShape>, Set<String>) {
        let sql = entrySQL.replacingOccurrences(of: "definition, refs, metadata, quality_score, ai_metadata",
                                                with: "definition::text, refs::text, metadata::text, quality_score::text, ai_metadata::text")
        var entries: Set<EntryShape> = []
        for row in try await session.execute(sql) {
            let (normalized, lang, term, folded, type, source, score, version, d, r, m, q, a) =
                try row.decode((String, String, String, String, String, String, Double, Int, String, String, String, String, String).self)
            let json = try [d, r, m, q, a].map(canonicalJSON)
            entries.insert(EntryShape(key: "\(normalized)|\(lang)", columns: [term, folded, type, source, "\(score)", "\(version)"] + json))
        }
        var relations: Set<String> = []
        for row in try await session.execute(relationSQL) {
            let (a, al, b, bl, type, confidence) = try row.decode((String, String, String, String, String, Double).self)
            relations.insert("\(a)|\(al) → \(b)|\(bl) \(type) \(confidence)")
        }
        return (entries, relations)
    }

    @Test("The bundled glossary: same entries and relations on both engines")
    func glossaryParity() async throws {
        let files = GlossaryImporter.defaultFiles(from: Self.packageRoot.path)
        #expect(files.count >= 10)
        let sqlite = try Service.dictionary.openInMemory()
        let sqliteReport = try GlossaryImporter(repository: EntryRepository(database: sqlite)).importFiles(files)
        let (sqliteEntries, sqliteRelations) = try Self.sqliteShapes(sqlite)

        let (report, entries, relations) = try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            let report = try await GlossaryImporter.importFiles(files, into: PostgresEntryImportStore(session: session))
            let (entries, relations) = try await Self.postgresShapes(session)
            return (report, entries, relations)
        }
        #expect(report.stored == sqliteReport.stored)
        #expect(report.relationsCreated == sqliteReport.relationsCreated)
        #expect(report.unresolvedNames == sqliteReport.unresolvedNames)
        #expect(entries.count == sqliteEntries.count)
        #expect(entries == sqliteEntries, "entries differ: \(entries.symmetricDifference(sqliteEntries).prefix(3))")
        #expect(relations == sqliteRelations, "relations differ: \(relations.symmetricDifference(sqliteRelations).prefix(3))")
    }

    @Test("The WordNet fixture, through both stores with COPY and with batched inserts: same entries and relations")
    func wordNetParity() async throws {
        try await withWordNetFixture { fixture in
            let lexicon = WordNetLexicon(synsets: try fixture.reader.allSynsets())
            let sqlite = try Service.dictionary.openInMemory()
            let sqliteReport = try await WordNetImporter(repository: EntryRepository(database: sqlite)).importLexicon(lexicon)
            let expected = try Self.sqliteShapes(sqlite)
            #expect(sqliteReport.stored == lexicon.count)
            for method in PostgresEntryImportStore.BulkMethod.allCases {
                let (report, entries, relations) = try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
                    let report = try await WordNetImporter(store: PostgresEntryImportStore(session: session, method: method)).importLexicon(lexicon)
                    let (entries, relations) = try await Self.postgresShapes(session)
                    return (report, entries, relations)
                }
                #expect(report == sqliteReport, "\(method)")
                #expect(entries == expected.0, "\(method): entries differ")
                #expect(relations == expected.1, "\(method): relations differ")
            }
        }
    }

    @Test("A bad line is named by file and line on both engines, and PostgreSQL keeps nothing")
    func badLineRollsBack() async throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("bad.jsonl").path
        let good = #"{"term":"crescendo","lang":"en","type":"dynamics","definition":{"concise":"Gradually louder."},"metadata":{},"quality_score":{"overall":80}}"#
        let bad = #"{"term":"","lang":"en","type":"dynamics","definition":{"concise":"No term."},"metadata":{},"quality_score":{"overall":80}}"#
        try (good + "\n" + bad + "\n").write(toFile: file, atomically: true, encoding: .utf8)

        var sqliteError = ""
        do {
            _ = try GlossaryImporter(repository: EntryRepository(database: try Service.dictionary.openInMemory())).importFiles([file])
        } catch { sqliteError = "\(error)" }
        #expect(sqliteError.hasPrefix("\(file):2:"), "\(sqliteError)")

        let (postgresError, count) = try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session -> (String, Int) in
            var message = ""
            do {
                _ = try await GlossaryImporter.importFiles([file], into: PostgresEntryImportStore(session: session))
            } catch { message = "\(error)" }
            return (message, try await session.execute("SELECT count(*) FROM dictionary_entries").first!.decode(Int.self))
        }
        #expect(postgresError == sqliteError)
        #expect(count == 0)
    }

    @Test("--on-existing skip keeps stored entries, fail refuses the first existing one by position (forte, written by the skip run), replace overwrites in place")
    func existingPolicies() async throws {
        let first = [EntryDraft(term: "crescendo", type: .dynamics, definition: EntryDefinition(concise: "ours"), qualityScore: QualityScore(overall: 90))]
        let second = [EntryDraft(term: "forte", type: .dynamics), EntryDraft(term: "Crescendo", type: .dynamics)]
        try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            let store = PostgresEntryImportStore(session: session, embeddingModels: ["m"])
            _ = try await store.importEntries(first, onExisting: .fail)
            let skipped = try await store.importEntries(second, onExisting: .skip)
            #expect(skipped.changes.map(\.lang) == [.en])
            await #expect(throws: EntryError.bulkItem(index: 1, error: .duplicate(normalizedTerm: "forte", lang: "en"))) {
                try await store.importEntries([EntryDraft(term: "piano", type: .general)] + second, onExisting: .fail)
            }
            let concise = try await session.execute("SELECT definition ->> 'concise' FROM dictionary_entries WHERE normalized_term = 'crescendo'")
            #expect(try concise.first!.decode(String.self) == "ours")

            // Replace: the stored row is overwritten in place (same id, version 2), its text changed, so a stale
            // queue item joins the open one; an unchanged replace bumps the version and queues nothing.
            let id = try await session.execute("SELECT id FROM dictionary_entries WHERE normalized_term = 'crescendo'").first!.decode(String.self)
            let replaced = try await store.importEntries([second[1]], onExisting: .replace)
            #expect(replaced.changes.map(\.id) == [id])
            #expect(replaced.changes.first?.created == false && replaced.changes.first?.embeddingTextChanged == true)
            let row = try await session.execute(
                "SELECT term, version, definition::text FROM dictionary_entries WHERE id = '\(id)'").first!.decode((String, Int, String).self)
            #expect(row.0 == "Crescendo" && row.1 == 2 && row.2 == "{}")
            let again = try await store.importEntries([second[1]], onExisting: .replace)
            #expect(again.changes.first?.embeddingTextChanged == false)
            let queued = try await session.execute(
                "SELECT reason FROM embedding_queue WHERE entry_id = '\(id)' ORDER BY reason").map { try $0.decode(String.self) }
            #expect(queued == ["missing"], "the open item for (entry, model) absorbs the stale one: \(queued)")
            #expect(try await session.execute("SELECT count(*) FROM dictionary_entries").first!.decode(Int.self) == 2)
        }
    }

    @Test("The glossary imported twice with the default --on-existing replace: the same entries, versions and relations on both engines")
    func glossaryReplaceParity() async throws {
        let files = GlossaryImporter.defaultFiles(from: Self.packageRoot.path)
        let sqlite = try Service.dictionary.openInMemory()
        let importer = GlossaryImporter(repository: EntryRepository(database: sqlite))
        _ = try importer.importFiles(files)
        let sqliteAgain = try importer.importFiles(files)
        let (sqliteEntries, sqliteRelations) = try Self.sqliteShapes(sqlite)

        let (again, entries, relations) = try await PostgresTestDatabase.withMigratedSchema(.dictionary) { session in
            _ = try await GlossaryImporter.importFiles(files, into: PostgresEntryImportStore(session: session))
            let again = try await GlossaryImporter.importFiles(files, into: PostgresEntryImportStore(session: session))
            let (entries, relations) = try await Self.postgresShapes(session)
            return (again, entries, relations)
        }
        #expect(again.stored == sqliteAgain.stored)
        #expect(again.relationsCreated == sqliteAgain.relationsCreated)
        #expect(entries == sqliteEntries, "entries differ: \(entries.symmetricDifference(sqliteEntries).prefix(3))")
        #expect(relations == sqliteRelations)
    }
}
