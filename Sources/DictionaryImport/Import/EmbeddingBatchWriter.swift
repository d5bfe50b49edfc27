import DictVectors
import DictionaryCore
import GRDB

/// The SQLite write side of one embeddings import, inside the caller's transaction: resolves entries with cached
/// statements, checks each record on its own (`EmbeddingRecordChecker`, so the error names its line) and writes
/// through `EmbeddingStore` in batches of `batchSize`.
struct EmbeddingBatchWriter {
    /// Records per `EmbeddingStore.write` call: large enough to amortize the call, small enough to bound memory.
    static let batchSize = 2048

    let db: Database
    let store: EmbeddingStore
    private var batch: [EmbeddingRecord] = []
    private var checker: EmbeddingRecordChecker
    private(set) var written = 0

    init(db: Database, store: EmbeddingStore) {
        self.db = db
        self.store = store
        checker = EmbeddingRecordChecker(dimension: store.dimension)
        batch.reserveCapacity(Self.batchSize)
    }

    /// The id of the entry `target` names if it exists. O(log n) by the primary key or `(normalized_term, lang)`.
    func resolve(_ target: DecodedEmbeddingLine.Target) throws -> String {
        try target.resolve(
            byID: { id in
                try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM dictionary_entries WHERE id = ?"), arguments: [id])
            },
            byKey: { normalized, lang in
                try String.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM dictionary_entries WHERE normalized_term = ? AND lang = ?"),
                    arguments: [normalized, lang])
            })
    }

    /// Validates `record` and queues it, writing a full batch. Throws `EmbeddingRecordProblem` for a bad record.
    mutating func add(_ record: EmbeddingRecord, line: Int) throws {
        try checker.check(record, line: line)
        batch.append(record)
        if batch.count >= Self.batchSize { try flush() }
    }

    /// Writes the queued records. An import's transaction rolls back whole on any error, so the batch needs no
    /// savepoint of its own.
    mutating func flush() throws {
        guard !batch.isEmpty else { return }
        written += try store.writeRollingBackWithCaller(batch, in: db).count
        batch.removeAll(keepingCapacity: true)
    }
}
