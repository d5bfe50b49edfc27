package import DictStore
package import DictVectors
package import DictionaryCore
package import Foundation

/// The `SemanticBackend` over DictVectors' exact `EmbeddingIndex` for one model. It loads the index from its
/// `VectorIndexSource` once, gives every sense vector its `CandidatePrior` (word frequency, sense rank, part of
/// speech), and keeps both current without full reloads: entry writes in this process arrive through
/// `EntryChangeObserver`, and vectors written by other processes (`dict embed`, a queue worker) are picked up
/// through the `VectorChangeFeed` (on SQLite a cheap check of `term_embeddings`' highest row id), read at most once
/// per `recheckInterval`. Without a feed (a PostgreSQL snapshot) the index stays as loaded.
package final class VectorIndexBackend: SemanticBackend, EntryChangeObserver, @unchecked Sendable {
    /// The index searched.
    package let index: EmbeddingIndex
    /// The scan prior of each vector.
    package let prior: CandidatePrior
    /// The model whose vectors are loaded (only its rows: an index never mixes models).
    package var modelName: String? { index.model }
    /// Maps the model's cosines to MiniLM's scale; the prior in `prior` is already divided by its scale.
    package let similarityScale: SimilarityScale
    /// What a query in another language is moved by before it is searched (`QueryLanguageShifts`).
    package let languageShifts: QueryLanguageShifts
    private let source: any VectorIndexSource
    private let recheckInterval: TimeInterval
    private let lock = NSLock()
    private var lastCheck = Date()
    private var seenMaxRowID: Int64
    /// Sense count and frequency sum per entry with vectors, kept with the index (under `lock`).
    private var senseTotals: [String: SenseTotals] = [:]
    /// Where failed refreshes are recorded.
    private let failures: OperationalFailures
    /// What other writers changed since the load (`catchUpIfDue`); nil: nothing is followed.
    private let changes: (any VectorChangeFeed)?
    /// Written entries whose refresh failed: retried with the next change (under `lock`).
    private var staleEntries: Set<String> = []

    /// Loads the index of `model` from the SQLite `database` and follows its later writes (`SQLiteVectorChanges`).
    package convenience init(database: StoreDatabase, model: String, dimension: Int, prior: CandidatePrior = CandidatePrior(),
                             scan: VectorScan = .automatic, recheckInterval: TimeInterval = 2, similarityScale: SimilarityScale = .identity,
                             languageShifts: QueryLanguageShifts = .none,
                             scanThreads: Int = ProcessInfo.processInfo.activeProcessorCount,
                             failures: OperationalFailures = .shared) throws {
        try self.init(source: SQLiteVectorIndexSource(database: database), changes: SQLiteVectorChanges(database: database),
                      model: model, dimension: dimension, prior: prior, scan: scan, recheckInterval: recheckInterval,
                      similarityScale: similarityScale, languageShifts: languageShifts, scanThreads: scanThreads, failures: failures)
    }

    /// Loads the index of `model` from `source` (with the int8 copy when `scan` asks for it) and the priors of
    /// its vectors, following `changes` when given; one large scan uses up to `scanThreads` threads. O(n·d).
    package init(source: any VectorIndexSource, changes: (any VectorChangeFeed)?, model: String, dimension: Int,
                 prior: CandidatePrior = CandidatePrior(), scan: VectorScan = .automatic, recheckInterval: TimeInterval = 2,
                 similarityScale: SimilarityScale = .identity, languageShifts: QueryLanguageShifts = .none,
                 scanThreads: Int = ProcessInfo.processInfo.activeProcessorCount,
                 failures: OperationalFailures = .shared) throws {
        self.source = source
        self.failures = failures
        self.changes = changes
        self.similarityScale = similarityScale
        self.languageShifts = languageShifts
        self.prior = similarityScale.scanPrior(prior)
        self.recheckInterval = recheckInterval
        let maxRowID = try changes?.position(model: model) ?? 0
        let rows = try source.vectorCount(model: model)
        // The entries' prior inputs do not depend on the index: read them on the other core while it loads.
        let priorInputs = BackgroundResult { try source.entryPriorInputs() }
        var details: [StoredRowDetails] = []
        details.reserveCapacity(rows)
        index = try source.loadIndex(model: model, dimension: dimension, quantize: scan.quantizes(rows: rows)) { details.append($0) }
        index.scanThreads = scanThreads
        seenMaxRowID = maxRowID
        try loadAllPriors(details, entries: priorInputs.value())
    }

    /// The priors and sense totals of every loaded row, from the rows' details (read by the index load) and the
    /// entries' `priorInputs`: a second join over the vector table cost 40 % of start-up. Per-entry values are
    /// kept by the index's entry ordinal, so a row costs no string hashing here.
    private func loadAllPriors(_ rows: [StoredRowDetails], entries scanned: [EntryPriorInput]) throws {
        /// An entry's prior inputs; `id` is nil for ordinals the entries scan did not see.
        struct EntryPrior { var id: String?; var zipf: Double = 0; var specialist = false }
        let ordinals = index.entryOrdinals(of: scanned.map(\.id))
        let slots = (ordinals.compactMap { $0 }.max()).map { Int($0) + 1 } ?? 0
        var entries = [EntryPrior](repeating: EntryPrior(id: nil), count: slots)
        for (entry, ordinal) in zip(scanned, ordinals) {
            guard let ordinal else { continue }
            entries[Int(ordinal)] = EntryPrior(id: entry.id, zipf: entry.zipf, specialist: entry.specialist)
        }
        var priors: [(rowID: Int64, prior: RowPrior)] = []
        priors.reserveCapacity(rows.count)
        var totals = [SenseTotals](repeating: SenseTotals(count: 0, frequency: 0), count: entries.count)
        for row in rows {
            let slot = Int(row.entryOrdinal)
            guard slot < entries.count, entries[slot].id != nil else { continue }
            priors.append((row.rowID, prior.rowPrior(chunk: row.chunk, partOfSpeech: row.partOfSpeech.flatMap(PartOfSpeech.init(name:)),
                                                     zipf: entries[slot].zipf, specialist: entries[slot].specialist)))
            totals[slot].add(senseFrequency: row.senseFrequency)
        }
        index.setPriors(priors)
        var byEntry: [String: SenseTotals] = [:]
        byEntry.reserveCapacity(entries.count)
        for (entry, total) in zip(entries, totals) where total.count > 0 { if let id = entry.id { byEntry[id] = total } }
        lock.withLock { senseTotals = byEntry }
    }

    /// Top-k distinct entries by cosine plus prior (L2-normalized vectors; higher is better) among vectors whose
    /// entry passes `filters`, by the exact or the int8 scan (`VectorScan`). O(n·d) for an unfiltered query,
    /// proportional to the matching rows for selective filters.
    package func search(query: UnitVector, k: Int, filters: SearchFilters, partOfSpeech: PartOfSpeech?, minSimilarity: Float) throws
        -> [SemanticMatch] {
        try catchUpIfDue()
        let filter = VectorFilter(
            languages: filters.languages.isEmpty ? nil : Set(filters.languages.map(\.rawValue)),
            types: filters.types.isEmpty ? nil : Set(filters.types.map(\.rawValue)),
            scoreRange: (filters.minQuality != nil || filters.maxQuality != nil)
                ? Float(filters.minQuality ?? 0)...Float(filters.maxQuality ?? 100) : nil)
        let boost = prior.boost(for: partOfSpeech)
        let hits = index.isQuantized
            ? try index.searchQuantized(query: query, k: k, filter: filter, rerankFactor: VectorScan.rerankFactor, boost: boost)
            : try index.search(query: query, k: k, filter: filter, boost: boost)
        // The threshold is on the plain cosine of each entry's best vector, not on the prior-boosted score the
        // top-k ranks by.
        return withSenseTotals(hits).filter { $0.similarity >= minSimilarity }
    }

    /// The hits as matches carrying their entries' sense totals, similarities on MiniLM's scale (`similarityScale`).
    private func withSenseTotals(_ hits: [VectorHit]) -> [SemanticMatch] {
        lock.withLock {
            hits.map {
                // The scan ranked by cosine + prior / scale; on MiniLM's scale that is calibrated cosine + prior.
                SemanticMatch(entryID: $0.entryID, similarity: similarityScale.calibrated($0.similarity), rowID: $0.rowID,
                              senseTotals: senseTotals[$0.entryID],
                              rankingScore: similarityScale.calibrated($0.similarity) + similarityScale.scale * ($0.score - $0.similarity))
            }
        }
    }

    /// The best vector of each of `entryIDs` (cosine plus prior) among the rows the index holds for them (the rows
    /// a followed write added included; no database read).
    package func matches(query: UnitVector, entryIDs: [String], partOfSpeech: PartOfSpeech?) throws -> [SemanticMatch] {
        guard !entryIDs.isEmpty else { return [] }
        let rowIDs = index.rowIDs(ofEntries: entryIDs)
        return withSenseTotals(try index.score(query: query, rowIDs: rowIDs, boost: prior.boost(for: partOfSpeech)))
    }

    /// Entry writes in this process: re-read the touched entries' vectors, attributes and priors, drop deleted ones.
    package func entriesChanged(upserted: [EntryChange], deleted: [String]) {
        if !deleted.isEmpty {
            _ = index.remove(entryIDs: deleted)
            lock.withLock { for id in deleted { senseTotals[id] = nil } }
        }
        // Entries whose earlier refresh failed are retried with these, so a transient failure heals itself.
        let retried = lock.withLock { () -> Set<String> in
            let ids = staleEntries
            staleEntries.subtract(deleted)
            return ids.subtracting(deleted)
        }
        guard !upserted.isEmpty || !retried.isEmpty else { return }
        let ids = Array(Set(upserted.map(\.id)).union(retried))
        do {
            try source.refresh(index, entryIDs: ids)
        } catch {
            failures.record(.vectorIndexRefresh, error, context: "re-reading the vectors of \(ids.count) written entries")
            markStale(ids, outstanding: .vectorIndexRefresh)
            return
        }
        do {
            try loadPriors(entryIDs: ids)
        } catch {
            failures.record(.senseTotalsRefresh, error, context: "re-reading the sense priors of \(ids.count) written entries")
            markStale(ids, outstanding: .senseTotalsRefresh)
            return
        }
        let wereStale = lock.withLock { () -> Bool in
            let had = !staleEntries.isEmpty
            staleEntries.subtract(ids)
            return had && staleEntries.isEmpty
        }
        if wereStale {
            failures.setOutstanding(.vectorIndexRefresh, 0)
            failures.setOutstanding(.senseTotalsRefresh, 0)
        }
    }

    /// Entries written but not yet re-read into the index.
    package var staleEntryCount: Int { lock.withLock { staleEntries.count } }

    private func markStale(_ ids: [String], outstanding operation: OperationalFailure) {
        let count = lock.withLock { () -> Int in
            staleEntries.formUnion(ids)
            return staleEntries.count
        }
        failures.setOutstanding(operation, count)
    }

    /// Applies writes another host made, as a follower of a change sequence reads them (PostgreSQL's
    /// `embedding_changes`): `entryIDs`' rows, attributes and priors are replaced by what `changed` (a source holding
    /// at least those entries, read after the changes) has for them; entries it lacks lose their rows.
    package func applyWrites(entryIDs: [String], from changed: any VectorIndexSource) throws {
        guard !entryIDs.isEmpty else { return }
        try changed.refresh(index, entryIDs: entryIDs)
        try loadPriors(entryIDs: entryIDs, from: changed)
        lock.withLock { staleEntries.subtract(entryIDs) }
    }

    /// Reads the prior inputs of the vectors of `entryIDs` and stores their priors and sense totals (after a
    /// refresh; the start-up load uses `loadAllPriors`). Entries left without vectors lose their totals.
    private func loadPriors(entryIDs: [String], from source: (any VectorIndexSource)? = nil) throws {
        let prior = self.prior
        var totals: [String: SenseTotals] = [:]
        let priors: [(rowID: Int64, prior: RowPrior)] = try (source ?? self.source).vectorPriorInputs(model: index.model, entryIDs: entryIDs).map { row in
            totals[row.entryID, default: SenseTotals(count: 0, frequency: 0)].add(senseFrequency: row.senseFrequency)
            return (row.rowID, prior.rowPrior(chunk: row.chunk, partOfSpeech: row.partOfSpeech.flatMap(PartOfSpeech.init(name:)),
                                              zipf: row.zipf, specialist: row.specialist))
        }
        index.setPriors(priors)
        lock.withLock { for id in entryIDs { senseTotals[id] = totals[id] } }
    }

    /// Picks up vectors other processes wrote since the last look (`VectorChangeFeed`): every entry written after
    /// the last position seen is re-read. Vectors deleted by another process stay in memory until this process
    /// touches the entry; the search service re-checks every hit against the database, so such a row can cost a
    /// result slot, never a wrong answer.
    private func catchUpIfDue() throws {
        let due: Bool = lock.withLock {
            guard Date().timeIntervalSince(lastCheck) >= recheckInterval else { return false }
            lastCheck = Date()
            return true
        }
        guard due, let changes else { return }
        let maxRowID = try changes.position(model: index.model)
        let previousMax = lock.withLock { seenMaxRowID }
        guard maxRowID != previousMax else { return }
        let changedEntries = try changes.entriesWritten(model: index.model, after: previousMax)
        try source.refresh(index, entryIDs: changedEntries)
        try loadPriors(entryIDs: changedEntries)
        lock.withLock { seenMaxRowID = maxRowID }
    }
}
