package import DictStore
package import GRDB

/// Row counts read straight from a test database, for asserting what a service wrote.
package enum TableRows {
    /// Number of rows of `table` matching `condition`.
    package static func count(
        _ database: StoreDatabase, _ table: String, where condition: String = "1", _ arguments: StatementArguments = []
    ) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE \(condition)", arguments: arguments) ?? 0 }
    }
}
