import DictMigrations
import DictPostgres
import DictStore
import DictTesting
import Foundation
import PostgresNIO
import Testing

@Suite("PostgreSQL migration runner", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct PostgresMigrationRunnerTests {
    private let files = [
        MigrationFile(name: "0001_first.sql", sql: "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL);"),
        MigrationFile(name: "0002_second.sql", sql: """
            -- a function body with semicolons inside
            CREATE FUNCTION upper_name() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$;
            CREATE TRIGGER items_upper BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION upper_name();
            INSERT INTO items VALUES (1, 'seeded');
            """),
    ]

    private func count(_ sql: String, in session: PostgresSession) async throws -> Int {
        try await session.execute(sql).first!.decode(Int.self)
    }

    @Test("Applies pending files into the service schema, records them, and a second run applies nothing")
    func appliesOnce() async throws {
        try await PostgresTestDatabase.with { database in
            let session = try await database.session()
            let runner = try PostgresMigrationRunner(schema: "svc", files: files)
            #expect(try await runner.status(in: session).map(\.state) == [.pending, .pending])
            #expect(try await runner.migrate(in: session, dryRun: true) == ["0001_first.sql", "0002_second.sql"])
            #expect(try await count("SELECT count(*) FROM pg_namespace WHERE nspname = 'svc'", in: session) == 0)

            #expect(try await runner.migrate(in: session) == ["0001_first.sql", "0002_second.sql"])
            #expect(try await runner.migrate(in: session).isEmpty)
            let status = try await runner.status(in: session)
            #expect(status.map(\.state) == [.applied, .applied])
            #expect(status.map(\.checksum) == files.map(\.checksum))
            #expect(try await session.execute("SELECT name FROM svc.items").first!.decode(String.self) == "SEEDED")
            #expect(try await count("SELECT count(*) FROM svc.schema_migrations", in: session) == 2)
            await session.close()
        }
    }

    @Test("A changed applied file, or an applied file that no longer exists, stops the run before anything changes")
    func refusesDrift() async throws {
        try await PostgresTestDatabase.with { database in
            let session = try await database.session()
            try await PostgresMigrationRunner(schema: "svc", files: [files[0]]).migrate(in: session)

            let edited = MigrationFile(name: files[0].name, sql: files[0].sql + "\n-- edited")
            let changed = try PostgresMigrationRunner(schema: "svc", files: [edited, files[1]])
            await #expect(throws: MigrationError.checksumMismatch(file: edited.name, recorded: files[0].checksum, found: edited.checksum)) {
                try await changed.migrate(in: session)
            }
            let missing = try PostgresMigrationRunner(schema: "svc", files: [files[1]])
            await #expect(throws: MigrationError.appliedFileMissing(file: files[0].name)) {
                try await missing.migrate(in: session)
            }
            #expect(try await count("SELECT count(*) FROM svc.schema_migrations", in: session) == 1)
            #expect(try await count("SELECT count(*) FROM pg_proc WHERE proname = 'upper_name'", in: session) == 0)
            await session.close()
        }
    }

    @Test("A failing file is rolled back whole and named with its statement; files before it stay applied")
    func failingFileRollsBack() async throws {
        try await PostgresTestDatabase.with { database in
            let session = try await database.session()
            let broken = MigrationFile(name: "0003_broken.sql", sql: """
                CREATE TABLE half_done (x bigint);
                INSERT INTO items VALUES (2, NULL);
                """)
            let runner = try PostgresMigrationRunner(schema: "svc", files: files + [broken])
            do {
                try await runner.migrate(in: session)
                Issue.record("a NOT NULL violation must fail the run")
            } catch let error as MigrationError {
                guard case .statementFailed(let file, let statement, let message) = error else {
                    Issue.record("unexpected \(error)")
                    await session.close()
                    return
                }
                #expect(file == "0003_broken.sql")
                #expect(statement == "INSERT INTO items VALUES (2, NULL)")
                #expect(message.contains("null value"))
            }
            #expect(try await count("SELECT count(*) FROM svc.schema_migrations", in: session) == 2)
            #expect(try await count("SELECT count(*) FROM pg_tables WHERE tablename = 'half_done'", in: session) == 0)
            #expect(try await runner.status(in: session).map(\.state) == [.applied, .applied, .pending])
            await session.close()
        }
    }

    @Test("Concurrent runs are serialized by the advisory lock: every file is applied exactly once")
    func concurrentRunsSerialize() async throws {
        try await PostgresTestDatabase.with { database in
            let slow = MigrationFile(name: "0003_slow.sql", sql: "SELECT pg_sleep(0.3); CREATE TABLE after_sleep (x bigint);")
            let runner = try PostgresMigrationRunner(schema: "svc", files: files + [slow])
            let first = try await database.session()
            let second = try await database.session()
            async let a = runner.migrate(in: first)
            async let b = runner.migrate(in: second)
            let (appliedByA, appliedByB) = try await (a, b)
            #expect((appliedByA + appliedByB).sorted() == ["0001_first.sql", "0002_second.sql", "0003_slow.sql"])
            #expect(appliedByA.isEmpty || appliedByB.isEmpty)
            #expect(try await count("SELECT count(*) FROM svc.schema_migrations", in: first) == 3)
            #expect(try await count("SELECT count(*) FROM svc.items", in: first) == 1)
            await first.close()
            await second.close()
        }
    }

    @Test("Every service's PostgreSQL migrations apply to an empty database, each into its own schema, once")
    func serviceMigrationsApply() async throws {
        try await PostgresTestDatabase.with { database in
            let session = try await database.session()
            for service in Service.allCases {
                let files = service.postgresMigrationFiles
                #expect(!files.isEmpty, "migrations/postgres/\(service.rawValue)/ is empty")
                let runner = try PostgresMigrationRunner(schema: service.rawValue, files: files)
                #expect(try await runner.migrate(in: session) == files.map(\.name))
                #expect(try await runner.migrate(in: session).isEmpty)
            }
            let schemas = try await session.execute(
                "SELECT nspname FROM pg_namespace WHERE nspname IN ('dictionary', 'scores', 'api') ORDER BY nspname")
            #expect(try schemas.map { try $0.decode(String.self) } == ["api", "dictionary", "scores"])
            await session.close()
        }
    }
}

@Suite("PostgreSQL test cluster")
struct PostgresClusterRequirementTests {
    @Test("CI runs the PostgreSQL suites: with DICT_TEST_REQUIRE_POSTGRES=1 a missing cluster fails")
    func clusterPresentWhenRequired() {
        if ProcessInfo.processInfo.environment[PostgresTestDatabase.requireVariable] == "1" {
            #expect(PostgresTestDatabase.isAvailable, "scripts/test.sh could not start the PostgreSQL test cluster")
            #expect(PostgresTestDatabase.hasStandby, "scripts/test.sh could not start the PostgreSQL standby")
        }
    }
}
