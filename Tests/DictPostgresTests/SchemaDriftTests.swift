import DictMigrations
import DictPostgres
import DictStore
import DictTesting
import Testing

/// Every schema change lands in both migration sets (migrations/<service>/ and migrations/postgres/<service>/);
/// this test keeps them from drifting: after all migrations, each service's tables, columns (type family and
/// NOT NULL), primary keys, foreign keys with their delete actions, unique column sets, named indexes, CHECK counts
/// and views are the same on both engines, except the objects each engine implements its own way (listed here and
/// in migrations/postgres/README.md).
@Suite("Schema drift between SQLite and PostgreSQL", .enabled(if: PostgresTestDatabase.isAvailable, "needs DICT_TEST_POSTGRES_URL"))
struct SchemaDriftTests {
    /// SQLite's FTS5 virtual tables (with their shadow tables).
    static let sqliteOnlyTables: Set<String> = ["dictionary_fts", "dictionary_term_trigrams"]
    /// PostgreSQL's full-text table (a tsvector per entry, GIN-indexed, and its length) and its postings (BM25's
    /// frequencies per lexeme and document) stand in for FTS5; the vectors' change sequence lets search replicas on
    /// other hosts follow writes (a SQLite index follows term_embeddings' AUTOINCREMENT row ids).
    static let postgresOnlyTables: Set<String> = ["dictionary_fts", "dictionary_fts_postings", "embedding_changes"]
    /// PostgreSQL's indexes with no SQLite counterpart (the trigram GIN index replaces the FTS5 trigram table; the
    /// postings' index by document serves their cascade delete; the change sequence is read per model from a position).
    static let postgresOnlyIndexes: Set<String> = ["idx_dictionary_entries_folded_trgm", "idx_dictionary_fts_postings_seq", "idx_embedding_changes_model_seq"]

    @Test("Both engines' schemas match after all migrations", arguments: Service.allCases)
    func schemasMatch(service: Service) async throws {
        let sqlite = try SchemaShape.sqlite(try service.openInMemory(), engineSpecific: Self.sqliteOnlyTables)
        let postgres = try await PostgresTestDatabase.with { database in
            let session = try await database.session()
            try await PostgresMigrationRunner(schema: service.rawValue, files: service.postgresMigrationFiles).migrate(in: session)
            var shape = try await SchemaShape.postgres(session, schema: service.rawValue)
            await session.close()
            for name in Self.postgresOnlyTables { shape.tables[name] = nil }
            for name in shape.tables.keys {
                shape.tables[name]!.indexes.removeAll { Self.postgresOnlyIndexes.contains($0.name) }
            }
            return shape
        }
        #expect(Set(sqlite.tables.keys) == Set(postgres.tables.keys), "tables differ")
        #expect(sqlite.views.sorted() == postgres.views.sorted(), "views differ")
        for name in sqlite.tables.keys.sorted() {
            guard let left = sqlite.tables[name], let right = postgres.tables[name] else { continue }
            #expect(left.columns == right.columns, "\(service.rawValue).\(name): columns")
            #expect(left.primaryKey == right.primaryKey, "\(service.rawValue).\(name): primary key")
            #expect(left.foreignKeys == right.foreignKeys, "\(service.rawValue).\(name): foreign keys")
            #expect(left.uniqueColumnSets == right.uniqueColumnSets, "\(service.rawValue).\(name): unique constraints")
            #expect(left.indexes == right.indexes, "\(service.rawValue).\(name): indexes")
            #expect(left.checks == right.checks, "\(service.rawValue).\(name): CHECK constraints")
        }
    }
}
