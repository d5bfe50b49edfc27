import DictVectors
import DictionaryCore
import GRDB

/// The write side of one embeddings import, inside the caller's transaction: resolves entries with cached
/// statements, validates each vector on its own (so the error names its line), rejects repeated (entry, chunk)
/// pairs and writes through `EmbeddingStore` in batches of `batchSize`.
struct EmbeddingBatchWriter {
    /// Records per `EmbeddingStore.write` call: large enough to amortize the call, small enough to bound memory.
    static let batchSize = 2048

    let db: Database
    let store: EmbeddingStore
    private var batch: [EmbeddingRecord] = []
    private var firstLine: [String: Int] = [:]
    private(set) var written = 0

    init(db: Database, store: EmbeddingStore) {
        self.db = db
        self.store = store
        batch.reserveCapacity(Self.batchSize)
    }

    /// The id of the entry `id` if it exists. O(log n) by the primary key.
    func resolve(entryID id: String) throws -> String {
        let statement = try db.cachedStatement(sql: "SELECT id FROM dictionary_entries WHERE id = ?")
        guard let found = try String.fetchOne(statement, arguments: [id]) else { throw EmbeddingRecordProblem.unknownEntryID(id) }
        return found
    }

    /// The id of the entry `term` in `lang` (matched on the normalized term, like lookups). O(log n).
    func resolve(term: String, lang: String) throws -> String {
        guard Language(rawValue: lang) != nil else { throw EmbeddingRecordProblem.invalidLanguage(found: lang) }
        let statement = try db.cachedStatement(sql: "SELECT id FROM dictionary_entries WHERE normalized_term = ? AND lang = ?")
        let normalized = TermNormalizer.normalize(term)
        guard !normalized.isEmpty, let found = try String.fetchOne(statement, arguments: [normalized, lang]) else {
            throw EmbeddingRecordProblem.unknownTerm(term: term, lang: lang)
        }
        return found
    }

    /// Validates `record` and queues it, writing a full batch. Throws `EmbeddingRecordProblem` for a bad record.
    mutating func add(_ record: EmbeddingRecord, line: Int) throws {
        do { try store.validate([record]) } catch let error as VectorError { throw EmbeddingRecordProblem.invalidVector(error) }
        let key = record.entryID + "\u{0}" + String(record.chunk)
        if let first = firstLine[key] { throw EmbeddingRecordProblem.duplicate(firstLine: first) }
        firstLine[key] = line
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
