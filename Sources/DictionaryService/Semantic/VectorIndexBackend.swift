import DictStore
import DictVectors
import Foundation
import GRDB

/// The `SemanticBackend` over DictVectors' exact `EmbeddingIndex` for one model. It loads the index from
/// `term_embeddings` once and keeps it current without full reloads: entry writes in this process arrive through
/// `EntryChangeObserver`, and vectors written by other processes (`dict embed`, a queue worker) are picked up by a
/// cheap check of `term_embeddings`' high-water mark, made at most once per `recheckInterval`.
public final class VectorIndexBackend: SemanticBackend, EntryChangeObserver, @unchecked Sendable {
    /// The index searched.
    public let index: EmbeddingIndex
    private let database: StoreDatabase
    private let recheckInterval: TimeInterval
    private let lock = NSLock()
    private var lastCheck = Date()
    private var seenMaxRowID: Int64
    private var seenRowCount: Int

    /// Loads the index of `model` from `database`. O(n·d).
    public init(database: StoreDatabase, model: String, dimension: Int, recheckInterval: TimeInterval = 2) throws {
        self.database = database
        self.recheckInterval = recheckInterval
        let (maxRowID, rowCount) = try Self.watermark(database, model: model)
        index = try EmbeddingIndex.load(model: model, dimension: dimension, from: database)
        seenMaxRowID = maxRowID
        seenRowCount = rowCount
    }

    /// Exact cosine top-k (L2-normalized vectors; higher is better) among vectors whose entry passes `filters`.
    /// O(n·d) for an unfiltered query, proportional to the matching rows for selective filters.
    public func search(query: [Float], k: Int, filters: SearchFilters) throws -> [SemanticMatch] {
        try catchUpIfDue()
        let filter = VectorFilter(
            languages: filters.languages.isEmpty ? nil : Set(filters.languages.map(\.rawValue)),
            types: filters.types.isEmpty ? nil : Set(filters.types.map(\.rawValue)),
            scoreRange: (filters.minQuality != nil || filters.maxQuality != nil)
                ? Float(filters.minQuality ?? 0)...Float(filters.maxQuality ?? 100) : nil)
        return try index.search(query: query, k: min(max(k, 1), 1000), filter: filter).map {
            SemanticMatch(entryID: $0.entryID, similarity: $0.similarity)
        }
    }

    /// Entry writes in this process: re-read the touched entries' vectors and attributes, drop deleted ones.
    public func entriesChanged(upserted: [EntryChange], deleted: [String]) {
        if !deleted.isEmpty { _ = index.remove(entryIDs: deleted) }
        if !upserted.isEmpty { try? index.refresh(entryIDs: upserted.map(\.id), from: database) }
    }

    /// Picks up rows other processes wrote since the last look. Row ids only grow (AUTOINCREMENT) and a rewrite
    /// deletes and re-inserts, so every entry with a row above the last high-water mark is re-read. Vectors deleted
    /// by another process stay in memory until this process touches the entry; the search service re-checks every
    /// hit against the database, so such a row can cost a result slot, never a wrong answer.
    private func catchUpIfDue() throws {
        let due: Bool = lock.withLock {
            guard Date().timeIntervalSince(lastCheck) >= recheckInterval else { return false }
            lastCheck = Date()
            return true
        }
        guard due else { return }
        let (maxRowID, rowCount) = try Self.watermark(database, model: index.model)
        let (previousMax, previousCount) = lock.withLock { (seenMaxRowID, seenRowCount) }
        guard maxRowID != previousMax || rowCount != previousCount else { return }
        let changedEntries = try database.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT entry_id FROM term_embeddings WHERE model = ? AND id > ?",
                                arguments: [index.model, previousMax])
        }
        try index.refresh(entryIDs: changedEntries, from: database)
        lock.withLock {
            seenMaxRowID = maxRowID
            seenRowCount = rowCount
        }
    }

    private static func watermark(_ database: StoreDatabase, model: String) throws -> (Int64, Int) {
        try database.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT coalesce(max(id), 0) AS m, count(*) AS c FROM term_embeddings WHERE model = ?",
                                       arguments: [model])
            return (row?["m"] ?? 0, row?["c"] ?? 0)
        }
    }
}
