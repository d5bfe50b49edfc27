import DictStore
import Foundation
import GRDB

extension SchemaShape {
    /// The shape of a migrated SQLite database, without `engineSpecific` tables (FTS5 virtual tables and their
    /// shadow tables) and SQLite's own tables.
    static func sqlite(_ database: StoreDatabase, engineSpecific: Set<String>) throws -> SchemaShape {
        try database.read { db in
            var shape = SchemaShape()
            let tables = try Row.fetchAll(db, sql: "SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
            for row in tables {
                let name: String = row["name"]
                let sql: String = row["sql"] ?? ""
                if name.hasPrefix("sqlite_") || engineSpecific.contains(where: { name == $0 || name.hasPrefix($0 + "_") }) { continue }
                if row["type"] == "view" {
                    shape.views.append(name)
                    continue
                }
                var table = Table()
                var primaryKey: [(Int, String)] = []
                for column in try Row.fetchAll(db, sql: "PRAGMA table_info(\(name))") {
                    let pk: Int = column["pk"]
                    let notNull: Bool = column["notnull"]
                    let columnName: String = column["name"]
                    if pk > 0 { primaryKey.append((pk, columnName)) }
                    table.columns.append(Column(name: columnName, type: sqliteFamily(column["type"]), notNull: notNull || pk > 0))
                }
                table.primaryKey = primaryKey.sorted { $0.0 < $1.0 }.map(\.1)
                var foreignKeys: [Int: (table: String, from: [String], to: [String], onDelete: String)] = [:]
                for key in try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(name))") {
                    let id: Int = key["id"]
                    var entry = foreignKeys[id] ?? (key["table"], [], [], key["on_delete"])
                    entry.from.append(key["from"])
                    entry.to.append(key["to"])
                    foreignKeys[id] = entry
                }
                table.foreignKeys = foreignKeys.values
                    .map { ForeignKey(columns: $0.from, table: $0.table, referenced: $0.to, onDelete: $0.onDelete) }.sorted()
                for index in try Row.fetchAll(db, sql: "PRAGMA index_list(\(name))") {
                    let indexName: String = index["name"]
                    let origin: String = index["origin"]
                    let unique: Bool = index["unique"]
                    let partial: Bool = index["partial"]
                    if origin == "pk" { continue }
                    if origin == "u" {
                        let columns = try Row.fetchAll(db, sql: "PRAGMA index_info(\(indexName))").map { row -> String in row["name"] }
                        table.uniqueColumnSets.append(columns.sorted())
                    } else {
                        table.indexes.append(Index(name: indexName, unique: unique, partial: partial))
                    }
                }
                table.uniqueColumnSets.sort { $0.joined(separator: ",") < $1.joined(separator: ",") }
                table.indexes.sort()
                table.checks = sql.uppercased().matches(of: /\bCHECK\s*\(/).count
                shape.tables[name] = table
            }
            return shape
        }
    }
}
