import DictTesting
import DictVectors
import Testing

@Suite("Bounded top-k heap and its entry table")
struct TopKHeapTests {
    /// Random set/remove/lookup sequences against a Dictionary, with few distinct keys so probe runs collide,
    /// wrap around the table's end and are shifted back by removals.
    @Test func entrySlotTableAgreesWithDictionary() {
        var rng = SeededGenerator(seed: 0x5EED_00E5)
        for capacity in [1, 3, 16, 100, 420] {
            var table = EntrySlotTable(capacity: capacity)
            var reference: [Int32: Int] = [:]
            let keySpace = Int32(capacity * 3)
            for step in 0..<20_000 {
                let key = Int32.random(in: 0..<keySpace, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0 where reference.count < capacity || reference[key] != nil:
                    let slot = Int.random(in: 0..<capacity, using: &rng)
                    table.set(key, slot: slot)
                    reference[key] = slot
                case 1:
                    table.remove(key)
                    reference[key] = nil
                default:
                    break
                }
                #expect(table.slot(of: key) == reference[key], "capacity \(capacity) step \(step) key \(key)")
            }
            for key in 0..<keySpace {
                #expect(table.slot(of: key) == reference[key], "capacity \(capacity) final key \(key)")
            }
        }
    }

    /// A deduplicating heap keeps each entry's best row and the best `k` entries, equal to a full sort.
    @Test func deduplicatingHeapEqualsBestRowPerEntryThenSort() {
        var rng = SeededGenerator(seed: 0x5EED_00E6)
        for _ in 0..<200 {
            let k = Int.random(in: 1...300, using: &rng)
            let entryCount = Int.random(in: 1...2_000, using: &rng)
            var heap = TopKHeap(capacity: k, deduplicate: true)
            var best: [Int32: (score: Float, rowID: Int64)] = [:]
            for rowID in Int64(0)..<Int64(Int.random(in: 1...5_000, using: &rng)) {
                // Coarse scores make ties, which the row id breaks.
                let score = Float(Int.random(in: 0..<200, using: &rng)) / 10
                let entry = Int32.random(in: 0..<Int32(entryCount), using: &rng)
                if score >= heap.threshold { heap.offer(score: score, rowID: rowID, entry: entry) }
                if let current = best[entry], !TopKHeap.isBetter(score, rowID, than: current.score, current.rowID) { continue }
                best[entry] = (score, rowID)
            }
            let expected = best.map { (score: $0.value.score, rowID: $0.value.rowID, entry: $0.key) }
                .sorted { TopKHeap.isBetter($0.score, $0.rowID, than: $1.score, $1.rowID) }.prefix(k)
            let found = heap.sortedDescending()
            #expect(found.map(\.entry) == expected.map(\.entry))
            #expect(found.map(\.rowID) == expected.map(\.rowID))
        }
    }
}
