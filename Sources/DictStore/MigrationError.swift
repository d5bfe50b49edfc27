/// Why a migration run stopped. Every case names the file; nothing is changed when one is thrown
/// before the first pending file, and a failing file is rolled back whole.
package enum MigrationError: Error, Equatable, CustomStringConvertible {
    /// An applied file's text changed after it was applied.
    case checksumMismatch(file: String, recorded: String, found: String)
    /// The database records a file that is not among the migrations given.
    case appliedFileMissing(file: String)
    /// A statement of a pending file failed; the file was rolled back.
    case statementFailed(file: String, statement: String, message: String)
    /// A file left foreign-key violations behind (`PRAGMA foreign_key_check`).
    case foreignKeyViolation(file: String, table: String, rowid: Int64?)
    /// Two files share a name.
    case duplicateName(file: String)

    package var description: String {
        switch self {
        case .checksumMismatch(let file, let recorded, let found):
            "migration \(file) was changed after it was applied (recorded sha256 \(recorded), found \(found)); add a new migration instead"
        case .appliedFileMissing(let file):
            "migration \(file) is recorded as applied but no such file exists"
        case .statementFailed(let file, let statement, let message):
            "migration \(file) failed and was rolled back: \(message) in statement: \(statement)"
        case .foreignKeyViolation(let file, let table, let rowid):
            "migration \(file) left a foreign-key violation in \(table) (rowid \(rowid.map(String.init) ?? "?")); rolled back"
        case .duplicateName(let file):
            "two migration files are named \(file)"
        }
    }
}
