import DictPostgres
import DictStore
import GRDB

/// What the drift test compares between the SQLite and PostgreSQL schemas of one service, in engine-neutral terms:
/// tables with their columns (name, type family, NOT NULL), primary keys, foreign keys, sets of unique columns,
/// named indexes (unique or not, partial or not), CHECK counts per table, and views.
struct SchemaShape: Equatable, CustomStringConvertible {
    struct Column: Equatable, CustomStringConvertible {
        let name: String
        let type: String
        let notNull: Bool
        var description: String { "\(name) \(type)\(notNull ? " NOT NULL" : "")" }
    }

    struct ForeignKey: Hashable, Comparable, CustomStringConvertible {
        let columns: [String]
        let table: String
        let referenced: [String]
        let onDelete: String
        var description: String { "(\(columns.joined(separator: ","))) → \(table)(\(referenced.joined(separator: ","))) ON DELETE \(onDelete)" }
        static func < (a: Self, b: Self) -> Bool { a.description < b.description }
    }

    struct Index: Hashable, Comparable, CustomStringConvertible {
        let name: String
        let unique: Bool
        let partial: Bool
        var description: String { "\(name)\(unique ? " UNIQUE" : "")\(partial ? " WHERE …" : "")" }
        static func < (a: Self, b: Self) -> Bool { a.name < b.name }
    }

    struct Table: Equatable, CustomStringConvertible {
        var columns: [Column] = []
        var primaryKey: [String] = []
        var foreignKeys: [ForeignKey] = []
        var uniqueColumnSets: [[String]] = []
        var indexes: [Index] = []
        var checks = 0
        var description: String {
            "columns \(columns), pk \(primaryKey), fks \(foreignKeys), unique \(uniqueColumnSets), indexes \(indexes), checks \(checks)"
        }
    }

    var tables: [String: Table] = [:]
    var views: [String] = []

    var description: String {
        tables.keys.sorted().map { "\($0): \(tables[$0]!)" }.joined(separator: "\n") + "\nviews \(views)"
    }

    /// SQLite's declared type → the family both engines are compared in.
    static func sqliteFamily(_ declared: String) -> String {
        switch declared.uppercased() {
        case "INTEGER", "INT", "BIGINT": "integer"
        case "REAL", "DOUBLE", "FLOAT": "real"
        case "TEXT": "text"
        case "BLOB": "blob"
        default: "other(\(declared))"
        }
    }

    /// PostgreSQL's type → the same families (jsonb is text on SQLite, checked with json_valid).
    static func postgresFamily(_ type: String) -> String {
        switch type {
        case "bigint", "integer", "smallint": "integer"
        case "double precision", "real": "real"
        case "text", "jsonb": "text"
        case "bytea": "blob"
        default: "other(\(type))"
        }
    }
}
