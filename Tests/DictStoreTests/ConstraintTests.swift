import DictMigrations
import DictStore
import DictTesting
import Foundation
import GRDB
import Testing

@Suite("Dictionary schema constraints")
struct ConstraintTests {
    private static let insertEntry = """
        INSERT INTO dictionary_entries (id, term, normalized_term, folded_term, lang, type, overall_score)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """

    private func insert(_ db: Database, id: String, term: String = "allegro", lang: String = "en",
                        type: String = "tempo", score: Double = 80) throws {
        try db.execute(sql: Self.insertEntry, arguments: [id, term, term, term, lang, type, score])
    }

    @Test("CHECK and UNIQUE constraints reject bad rows", arguments: DatabaseKind.allCases)
    func badRowsAreRejected(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        _ = directory
        try database.write { try insert($0, id: "e1") }
        // Bad enum, score out of range, duplicate (normalized_term, lang), unknown language, bad JSON.
        #expect(throws: DatabaseError.self) { try database.write { try insert($0, id: "e2", term: "x", type: "banjo") } }
        #expect(throws: DatabaseError.self) { try database.write { try insert($0, id: "e3", term: "y", score: 101) } }
        #expect(throws: DatabaseError.self) { try database.write { try insert($0, id: "e4") } }
        #expect(throws: DatabaseError.self) { try database.write { try insert($0, id: "e5", term: "z", lang: "it") } }
        #expect(throws: DatabaseError.self) {
            try database.write {
                try $0.execute(sql: "UPDATE dictionary_entries SET definition = 'not json' WHERE id = 'e1'")
            }
        }
        #expect(throws: DatabaseError.self) {
            try database.write {
                try $0.execute(sql: "UPDATE dictionary_entries SET source_lang = 'xx' WHERE id = 'e1'")
            }
        }
        // The same term in another language is a different row.
        try database.write { try insert($0, id: "e6", lang: "de") }
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM dictionary_entries") } == 2)
    }

    @Test("A DatabaseError carries the SQLite code, message and SQL text")
    func errorsCarryContext() throws {
        let database = try Service.dictionary.openInMemory()
        do {
            try database.write { try insert($0, id: "e1", type: "banjo") }
            Issue.record("no error")
        } catch let error as DatabaseError {
            #expect(error.resultCode == .SQLITE_CONSTRAINT)
            #expect(error.message?.contains("CHECK constraint failed") == true)
            #expect(error.sql?.contains("INSERT INTO dictionary_entries") == true)
        }
    }

    @Test("An embedding BLOB must be exactly 4 × dimension bytes, and embeddings cascade with their entry", arguments: DatabaseKind.allCases)
    func embeddingConstraints(kind: DatabaseKind) throws {
        let (database, directory) = try kind.open(.dictionary)
        _ = directory
        try database.write { try insert($0, id: "e1") }
        let good = [UInt8](repeating: 0, count: 16)
        try database.write {
            try $0.execute(
                sql: "INSERT INTO term_embeddings (entry_id, model, dimension, embedding) VALUES ('e1', 'm', 4, ?)",
                arguments: [Data(good)])
        }
        #expect(throws: DatabaseError.self) {
            try database.write {
                try $0.execute(
                    sql: "INSERT INTO term_embeddings (entry_id, model, dimension, chunk, embedding) VALUES ('e1', 'm', 4, 1, ?)",
                    arguments: [Data(count: 15)])
            }
        }
        try database.write { try $0.execute(sql: "DELETE FROM dictionary_entries WHERE id = 'e1'") }
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM term_embeddings") } == 0)
    }

    @Test("A write that throws rolls back everything it did", arguments: DatabaseKind.allCases)
    func throwingWriteRollsBack(kind: DatabaseKind) throws {
        struct Abort: Error {}
        let (database, directory) = try kind.open(.dictionary)
        _ = directory
        #expect(throws: Abort.self) {
            try database.write { db in
                try insert(db, id: "e1")
                throw Abort()
            }
        }
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM dictionary_entries") } == 0)
    }

    @Test("Connections have foreign keys on; files use WAL")
    func connectionSettings() throws {
        let directory = try TemporaryDirectory()
        let file = try Service.dictionary.open(dataDirectory: directory.path)
        #expect(try file.journalMode() == "wal")
        #expect(try file.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") } == true)
        let memory = try Service.dictionary.openInMemory()
        #expect(try memory.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") } == true)
    }
}
