import DictMigrations
import DictStore
import DictTesting
import GRDB
import Testing

@Suite("Migration runner")
struct MigrationRunnerTests {
    /// Opens an unmigrated database of the given kind.
    private func blank(_ kind: DatabaseKind) throws -> (StoreDatabase, TemporaryDirectory?) {
        let opened = try kind.open(.dictionary, migrate: false)
        return (opened.database, opened.directory)
    }

    private func tableNames(_ database: StoreDatabase) throws -> Set<String> {
        try database.read { db in
            Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type IN ('table','view','index','trigger')"))
        }
    }

    @Test("A fresh database gets every table, index and view of every service; a second run applies nothing", arguments: DatabaseKind.allCases)
    func freshDatabaseGetsEverything(kind: DatabaseKind) throws {
        let expected: [Service: [String]] = [
            .dictionary: [
                "dictionary_entries", "term_embeddings", "search_analytics", "ai_token_usage", "ai_model_usage",
                "seed_queue", "manual_review_queue", "dead_letter_queue", "user_feedback", "related_terms",
                "cache_metrics", "daily_statistics", "export_history", "embedding_queue", "recovery_history",
                "dictionary_fts", "popular_searches", "ai_cost_summary", "idx_dictionary_term_lang",
                "dictionary_fts_insert",
            ],
        ]
        for service in Service.allCases {
            let opened = try kind.open(service, migrate: false)
            let runner = try service.migrationRunner()
            let applied = try runner.migrate(opened.database)
            #expect(applied == service.migrationFiles.map(\.name))
            #expect(try runner.migrate(opened.database).isEmpty)
            #expect(try runner.status(of: opened.database).allSatisfy { $0.state == .applied })
            let names = try tableNames(opened.database)
            for name in expected[service] ?? [] {
                #expect(names.contains(name), "\(service) lacks \(name)")
            }
        }
    }

    @Test("The spec's eight dictionary files come first; later files are the project's own")
    func specCounts() {
        let names = Service.dictionary.migrationFiles.map(\.name)
        #expect(names.count >= 8)
        #expect(names.prefix(8).last == "0008_add_queue_tables.sql")
        #expect(names.dropFirst(8).first == "0009_add_search_ranking.sql")
    }

    @Test("An applied file whose text changed is refused and the database is untouched", arguments: DatabaseKind.allCases)
    func changedFileIsRefused(kind: DatabaseKind) throws {
        let (database, directory) = try blank(kind)
        _ = directory
        let first = MigrationFile(name: "0001_a.sql", sql: "CREATE TABLE a (x INTEGER);")
        try MigrationRunner(files: [first]).migrate(database)
        let changed = MigrationFile(name: "0001_a.sql", sql: "CREATE TABLE a (x INTEGER, y TEXT);")
        let next = MigrationFile(name: "0002_b.sql", sql: "CREATE TABLE b (x INTEGER);")
        let before = try tableNames(database)
        #expect(throws: MigrationError.checksumMismatch(file: "0001_a.sql", recorded: first.checksum, found: changed.checksum)) {
            try MigrationRunner(files: [changed, next]).migrate(database)
        }
        #expect(try tableNames(database) == before)
        #expect(throws: MigrationError.self) { try MigrationRunner(files: [changed]).status(of: database) }
    }

    @Test("A recorded file missing from disk stops the run", arguments: DatabaseKind.allCases)
    func missingAppliedFile(kind: DatabaseKind) throws {
        let (database, directory) = try blank(kind)
        _ = directory
        let first = MigrationFile(name: "0001_a.sql", sql: "CREATE TABLE a (x INTEGER);")
        try MigrationRunner(files: [first]).migrate(database)
        let other = MigrationFile(name: "0002_b.sql", sql: "CREATE TABLE b (x INTEGER);")
        #expect(throws: MigrationError.appliedFileMissing(file: "0001_a.sql")) {
            try MigrationRunner(files: [other]).migrate(database)
        }
        #expect(try !tableNames(database).contains("b"))
    }

    @Test("A broken migration rolls back whole, names file and statement, and earlier ones stay applied", arguments: DatabaseKind.allCases)
    func brokenMigrationRollsBack(kind: DatabaseKind) throws {
        let (database, directory) = try blank(kind)
        _ = directory
        let files = [
            MigrationFile(name: "0001_ok.sql", sql: "CREATE TABLE ok (x INTEGER);"),
            MigrationFile(name: "0002_broken.sql", sql: "CREATE TABLE half (x INTEGER);\nINSERT INTO nowhere VALUES (1);"),
            MigrationFile(name: "0003_later.sql", sql: "CREATE TABLE later (x INTEGER);"),
        ]
        do {
            try MigrationRunner(files: files).migrate(database)
            Issue.record("the broken migration did not throw")
        } catch let MigrationError.statementFailed(file, statement, message) {
            #expect(file == "0002_broken.sql")
            #expect(statement.contains("INSERT INTO nowhere"))
            #expect(message.contains("no such table"))
        }
        let names = try tableNames(database)
        #expect(names.contains("ok"))
        #expect(!names.contains("half"))
        #expect(!names.contains("later"))
        let status = try MigrationRunner(files: files).status(of: database)
        #expect(status.map(\.state) == [.applied, .pending, .pending])
    }

    @Test("Two files may share a number; they apply in file-name order", arguments: DatabaseKind.allCases)
    func sharedNumbersApplyInNameOrder(kind: DatabaseKind) throws {
        let (database, directory) = try blank(kind)
        _ = directory
        let files = [
            MigrationFile(name: "0008_b_second.sql", sql: "INSERT INTO log VALUES ('b');"),
            MigrationFile(name: "0008_a_first.sql", sql: "INSERT INTO log VALUES ('a');"),
            MigrationFile(name: "0001_log.sql", sql: "CREATE TABLE log (v TEXT);"),
        ]
        let applied = try MigrationRunner(files: files).migrate(database)
        #expect(applied == ["0001_log.sql", "0008_a_first.sql", "0008_b_second.sql"])
        #expect(try database.read { try String.fetchAll($0, sql: "SELECT v FROM log ORDER BY rowid") } == ["a", "b"])
    }

    @Test("Dry run reports pending files and changes nothing", arguments: DatabaseKind.allCases)
    func dryRunChangesNothing(kind: DatabaseKind) throws {
        let (database, directory) = try blank(kind)
        _ = directory
        let runner = try Service.dictionary.migrationRunner()
        let wouldApply = try runner.migrate(database, dryRun: true)
        #expect(wouldApply.count == Service.dictionary.migrationFiles.count)
        #expect(try !tableNames(database).contains("dictionary_entries"))
    }

    @Test("A table-rebuilding file runs with foreign keys off and is checked before commit", arguments: DatabaseKind.allCases)
    func rebuildWithForeignKeys(kind: DatabaseKind) throws {
        let (database, directory) = try blank(kind)
        _ = directory
        let base = MigrationFile(name: "0001_base.sql", sql: """
            CREATE TABLE parent (id TEXT PRIMARY KEY);
            CREATE TABLE child (id TEXT PRIMARY KEY, parent_id TEXT NOT NULL REFERENCES parent(id) ON DELETE CASCADE);
            INSERT INTO parent VALUES ('p'); INSERT INTO child VALUES ('c', 'p');
            """)
        let rebuild = MigrationFile(name: "0002_rebuild.sql", sql: """
            \(MigrationFile.foreignKeysOffMarker)
            CREATE TABLE parent_new (id TEXT PRIMARY KEY, name TEXT);
            INSERT INTO parent_new (id) SELECT id FROM parent;
            DROP TABLE parent;
            ALTER TABLE parent_new RENAME TO parent;
            """)
        try MigrationRunner(files: [base, rebuild]).migrate(database)
        // The child row survived the rebuild (with foreign keys on, DROP TABLE parent would have cascaded).
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM child") } == 1)
        #expect(try database.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") } == true)

        let orphaning = MigrationFile(name: "0003_orphan.sql", sql: """
            \(MigrationFile.foreignKeysOffMarker)
            DELETE FROM parent;
            """)
        #expect(throws: MigrationError.self) { try MigrationRunner(files: [base, rebuild, orphaning]).migrate(database) }
        #expect(try database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM parent") } == 1)
    }

    @Test("Duplicate file names are refused")
    func duplicateNames() {
        let file = MigrationFile(name: "0001_a.sql", sql: "SELECT 1;")
        #expect(throws: MigrationError.duplicateName(file: "0001_a.sql")) { try MigrationRunner(files: [file, file]) }
    }

    @Test("Checksums are SHA-256 of the file's bytes")
    func checksumIsSHA256() {
        #expect(SHA256.hexDigest(of: Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array(repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(of: long) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
