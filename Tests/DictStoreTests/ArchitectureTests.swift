import Foundation
import Testing

/// The module rules of docs/ARCHITECTURE.md, checked on the source tree so they cannot erode: the HTTP and CLI
/// layers hold no SQL, the modules below the services name no dictionary table, SQLite's own syntax stays in the
/// SQLite store files and postgres-nio in the PostgreSQL ones (where each engine plugs in), and no file grows past
/// ~400 lines.
@Suite("Architecture rules")
struct ArchitectureTests {
    /// The package root, found from this file's path (Tests/DictStoreTests/…).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every Swift file under `folder` (relative to the root), with its text.
    static func swiftFiles(under folder: String) throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var files: [(String, String)] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let relative = String(url.path.dropFirst(root.path.count + 1))
            files.append((relative, try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    @Test func theHTTPAndCLILayersDoNotImportGRDB() throws {
        var offenders: [String] = []
        for folder in ["Sources/DictServer", "Sources/DictCLI"] {
            for file in try Self.swiftFiles(under: folder) where file.text.contains("import GRDB") { offenders.append(file.path) }
        }
        #expect(offenders.isEmpty, "import GRDB in \(offenders)")
    }

    @Test func modulesBelowTheServicesNameNoDictionaryTable() throws {
        // The dictionary's tables, read from its migrations.
        let migrations = Self.root.appendingPathComponent("migrations/dictionary")
        var tables = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: migrations.path) where name.hasSuffix(".sql") {
            let sql = try String(contentsOf: migrations.appendingPathComponent(name), encoding: .utf8)
            let pattern = try NSRegularExpression(pattern: #"CREATE (?:VIRTUAL )?TABLE (?:IF NOT EXISTS )?(\w+)"#)
            for match in pattern.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)) {
                tables.insert(String(sql[Range(match.range(at: 1), in: sql)!]))
            }
        }
        #expect(tables.contains("dictionary_entries") && tables.contains("term_embeddings"))
        var offenders: [String] = []
        for folder in ["Sources/DictStore", "Sources/DictVectors", "Sources/DictEmbedding", "Sources/DictMigrations", "Sources/DictPostgres"] {
            for file in try Self.swiftFiles(under: folder) {
                for table in tables where file.text.range(of: "\\b\(table)\\b", options: .regularExpression) != nil {
                    offenders.append("\(file.path): \(table)")
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }

    @Test func sqliteSyntaxStaysInTheSQLiteStores() throws {
        // SQLite-only constructs a second engine would not understand; allowed in DictStore (the SQLite layer) and
        // in each service's SQLite/ folder (its SQLite store: lexical FTS5 queries, the raw vector reader/writer).
        let constructs = ["sqlite_master", "PRAGMA", " MATCH ", "bm25(", "fts5", "sqlite3_", "rowid"]
        let allowed: Set<String> = []
        var offenders: [String] = []
        for file in try Self.swiftFiles(under: "Sources") where !file.path.hasPrefix("Sources/DictStore/") && !file.path.contains("/SQLite/") {
            for construct in constructs where file.text.contains(construct) {
                let finding = "\(file.path): \(construct)"
                if !allowed.contains(finding) { offenders.append(finding) }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }

    @Test func postgresCodeStaysInThePostgresStores() throws {
        // The second engine plugs in the same way: postgres-nio only in DictPostgres (the engine layer) and in each
        // service's Postgres/ folder (its PostgreSQL store).
        var offenders: [String] = []
        for file in try Self.swiftFiles(under: "Sources") where !file.path.hasPrefix("Sources/DictPostgres/") && !file.path.contains("/Postgres/") {
            if file.text.contains("import PostgresNIO") { offenders.append(file.path) }
        }
        #expect(offenders.isEmpty, "import PostgresNIO in \(offenders)")
    }

    @Test func noSourceFileIsOverFourHundredLines() throws {
        var offenders: [String] = []
        for folder in ["Sources", "Tests", "Benchmarks"] {
            for file in try Self.swiftFiles(under: folder) {
                let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false).count
                if lines > 420 { offenders.append("\(file.path): \(lines) lines") }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}
