import DictTesting
import DictVectors
import Testing

@Suite("Incremental updates")
struct IncrementalUpdateTests {
    /// Applies random inserts, replacements, attribute changes and deletes to one index and checks that every
    /// search equals a fresh index built from the final rows.
    @Test func incrementalUpdatesEqualFreshBuild() throws {
        let seed: UInt64 = 0x5EED_0101
        print("incrementalUpdatesEqualFreshBuild seed 0x\(String(seed, radix: 16))")
        var rng = SeededGenerator(seed: seed)
        for (entries, d) in [(30, 5), (600, 48), (2_000, 300)] {
            var rows = VectorFixtures.rows(entries: entries, d: d, maxChunks: 2, duplicateFraction: 0.05, using: &rng)
            let index = try EmbeddingIndex(model: "m", dimension: d)
            try index.upsert(rows)
            index.enableQuantization()
            var nextRowID = (rows.map(\.rowID).max() ?? 0) + 1
            for round in 0..<6 {
                // Deletes by row and by entry.
                let doomed = Set(rows.shuffled(using: &rng).prefix(rows.count / 10).map(\.rowID))
                index.remove(rowIDs: doomed)
                rows.removeAll { doomed.contains($0.rowID) }
                if let victim = rows.randomElement(using: &rng)?.entryID {
                    index.remove(entryIDs: [victim])
                    rows.removeAll { $0.entryID == victim }
                }
                // Replacements, inserts (new chunks and new entries).
                var batch: [IndexedVector] = []
                for i in rows.indices.shuffled(using: &rng).prefix(rows.count / 10) {
                    rows[i].vector = VectorFixtures.vector(d, using: &rng)
                    batch.append(rows[i])
                }
                for j in 0..<max(entries / 10, 2) {
                    let entryID = Bool.random(using: &rng) ? (rows.randomElement(using: &rng)?.entryID ?? "x") : "new\(round)-\(j)"
                    let attributes = rows.first { $0.entryID == entryID }?.attributes ?? VectorFixtures.attributes(using: &rng)
                    let row = IndexedVector(rowID: nextRowID, entryID: entryID, vector: VectorFixtures.vector(d, using: &rng), attributes: attributes)
                    nextRowID += 1
                    rows.append(row)
                    batch.append(row)
                }
                try index.upsert(batch)
                // A row moves to another entry (its row id kept).
                if let i = rows.indices.randomElement(using: &rng), let other = rows.randomElement(using: &rng)?.entryID {
                    rows[i].entryID = Bool.random(using: &rng) ? other : "moved\(round)"
                    try index.upsert([rows[i]])
                }
                // Each entry's rows, found through the per-entry chains, are exactly its rows.
                let byEntry = Dictionary(grouping: rows, by: \.entryID).mapValues { $0.map(\.rowID).sorted() }
                for entryID in byEntry.keys.shuffled(using: &rng).prefix(50) {
                    #expect(index.rowIDs(ofEntries: [entryID]).sorted() == byEntry[entryID], "seed \(seed) round \(round) \(entryID)")
                }
                let some = Array(byEntry.keys.shuffled(using: &rng).prefix(20)) + ["never-held"]
                #expect(index.rowIDs(ofEntries: some).sorted() == some.flatMap { byEntry[$0] ?? [] }.sorted(), "seed \(seed) round \(round)")
                // An entry's attributes change.
                if let entryID = rows.randomElement(using: &rng)?.entryID {
                    let attributes = VectorFixtures.attributes(using: &rng)
                    index.updateAttributes(attributes, forEntry: entryID)
                    for i in rows.indices where rows[i].entryID == entryID { rows[i].attributes = attributes }
                }
            }
            let fresh = try EmbeddingIndex(model: "m", dimension: d)
            try fresh.upsert(rows)
            #expect(index.count == rows.count)
            #expect(index.rowIDs() == fresh.rowIDs())
            #expect(index.entryCount == Set(rows.map(\.entryID)).count)
            let referenceIndex = Reference(rows: rows)
            for _ in 0..<15 {
                let query = VectorFixtures.vector(d, using: &rng)
                let filter = Bool.random(using: &rng) ? VectorFilter.none : VectorFixtures.filter(using: &rng)
                let k = [1, 10, 200].randomElement(using: &rng)!
                let reference = referenceIndex.ranking(query: query, filter: filter)
                let incremental = try index.search(query: query, k: k, filter: filter)
                let rebuilt = try fresh.search(query: query, k: k, filter: filter)
                #expect(compare(incremental, with: reference, k: k).isEmpty, "seed \(seed) n=\(rows.count) d=\(d)")
                #expect(compare(rebuilt, with: reference, k: k).isEmpty, "seed \(seed) n=\(rows.count) d=\(d)")
                #expect(incremental.map(\.entryID) == rebuilt.map(\.entryID) || compare(incremental, with: reference, k: k).isEmpty)
                // The int8 copy was kept in step: its exact re-ranked scores belong to current rows.
                for hit in try index.searchQuantized(query: query, k: 5, filter: filter) {
                    #expect(reference.contains { $0.entryID == hit.entryID && abs($0.score - Double(hit.similarity)) < 1e-5 })
                }
            }
        }
    }

    @Test func failedUpsertChangesNothing() throws {
        let attributes = EntryAttributes(lang: "en", type: "tempo", overallScore: 1)
        let index = try EmbeddingIndex(model: "m", dimension: 2)
        try index.upsert([IndexedVector(rowID: 1, entryID: "a", vector: [1, 0], attributes: attributes)])
        #expect(throws: VectorError.nonFiniteComponent(index: 1, entryID: "b")) {
            try index.upsert([
                IndexedVector(rowID: 1, entryID: "a", vector: [0, 1], attributes: attributes),
                IndexedVector(rowID: 2, entryID: "b", vector: [1, .nan], attributes: attributes),
            ])
        }
        #expect(throws: VectorError.duplicateRowID(3)) {
            try index.upsert([
                IndexedVector(rowID: 3, entryID: "c", vector: [0, 1], attributes: attributes),
                IndexedVector(rowID: 3, entryID: "c", vector: [1, 1], attributes: attributes),
            ])
        }
        #expect(index.count == 1)
        #expect(try index.search(query: [1, 0], k: 1).first?.similarity == 1)
    }
}
