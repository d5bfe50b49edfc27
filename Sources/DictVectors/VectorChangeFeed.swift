/// How an index loaded once learns what other writers (another process's `dict embed`, a queue worker) changed
/// since: a position in the store's sequence of vector writes that only grows, and the entries whose vectors were
/// written after a position. The SQLite store reads both from `AUTOINCREMENT` row ids (DictionaryCore's
/// `SQLiteVectorChanges`); a replicated engine would read an explicit change table instead.
package protocol VectorChangeFeed: Sendable {
    /// The current position of `model`'s writes (0 before the first).
    func position(model: String) throws -> Int64

    /// The entries with a vector of `model` written after `position`, each once.
    func entriesWritten(model: String, after position: Int64) throws -> [String]
}
