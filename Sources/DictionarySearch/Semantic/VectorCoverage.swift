/// Tells a semantic or hybrid search that entries have no vectors yet, so "No results" is not mistaken for "no
/// match": the dictionary was imported but `dict embed` never ran (or has not finished). `dict doctor` reports the
/// same coverage.
package enum VectorCoverage {
    /// A note for a search in `mode` that returned `resultCount` hits, or nil. Costs two indexed `EXISTS` per
    /// semantic or hybrid search; the full count of entries without vectors runs only when semantic search found
    /// nothing.
    package static func note(store: any SearchStore, mode: SearchMode, resultCount: Int) async throws -> String? {
        guard mode == .semantic || mode == .hybrid else { return nil }
        let (anyEntry, anyVector) = try await store.vectorPresence()
        guard anyEntry else { return nil }
        if !anyVector { return "no entry has a vector yet, so semantic search cannot match anything: run `dict embed`" }
        guard mode == .semantic, resultCount == 0 else { return nil }
        let missing = try await store.entriesWithoutVectors()
        return missing > 0 ? "\(missing) entries have no vector yet: run `dict embed`" : nil
    }
}
