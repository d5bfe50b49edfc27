/// A bounded min-heap over parallel score / row-position / entry arrays that keeps the best `k` distinct entries
/// seen so far. "Better" means a higher score, or an equal score and a lower row id, so results are deterministic.
/// An entry that owns several rows is kept once, with its best row (max over its chunks).
/// Offer: O(1) when the score does not beat the current worst, else O(log k).
package struct TopKHeap {
    /// Capacity (k).
    package let capacity: Int
    /// Heap arrays; index 0 is the worst kept candidate.
    package private(set) var scores: [Float] = []
    package private(set) var rowIDs: [Int64] = []
    package private(set) var entries: [Int32] = []
    /// Entry ordinal → heap slot; only maintained when entries may own several rows.
    private var slotOfEntry: EntrySlotTable
    private let deduplicate: Bool

    /// A heap for `k` results; `deduplicate` must be true when an entry can own several rows.
    package init(capacity: Int, deduplicate: Bool) {
        self.capacity = capacity
        self.deduplicate = deduplicate
        slotOfEntry = EntrySlotTable(capacity: deduplicate ? capacity : 0)
        scores.reserveCapacity(capacity)
        rowIDs.reserveCapacity(capacity)
        entries.reserveCapacity(capacity)
    }

    /// The score a new row must reach to be considered (−∞ until the heap is full).
    @inline(__always)
    package var threshold: Float { scores.count < capacity ? -.infinity : scores[0] }

    /// Whether (a, aRow) ranks strictly better than (b, bRow).
    @inline(__always)
    package static func isBetter(_ a: Float, _ aRow: Int64, than b: Float, _ bRow: Int64) -> Bool {
        a > b || (a == b && aRow < bRow)
    }

    /// Offers one row. Call only when `score >= threshold` for speed; correctness does not depend on it.
    @inline(__always)
    package mutating func offer(score: Float, rowID: Int64, entry: Int32) {
        if deduplicate, let slot = slotOfEntry.slot(of: entry) {
            if Self.isBetter(score, rowID, than: scores[slot], rowIDs[slot]) {
                scores[slot] = score
                rowIDs[slot] = rowID
                siftDown(slot)
            }
            return
        }
        if scores.count < capacity {
            scores.append(score)
            rowIDs.append(rowID)
            entries.append(entry)
            if deduplicate { slotOfEntry.set(entry, slot: scores.count - 1) }
            siftUp(scores.count - 1)
        } else if Self.isBetter(score, rowID, than: scores[0], rowIDs[0]) {
            if deduplicate { slotOfEntry.remove(entries[0]) }
            scores[0] = score
            rowIDs[0] = rowID
            entries[0] = entry
            if deduplicate { slotOfEntry.set(entry, slot: 0) }
            siftDown(0)
        }
    }

    /// The kept candidates, best first. O(k log k).
    package func sortedDescending() -> [(score: Float, rowID: Int64, entry: Int32)] {
        var items = (0..<scores.count).map { (score: scores[$0], rowID: rowIDs[$0], entry: entries[$0]) }
        items.sort { Self.isBetter($0.score, $0.rowID, than: $1.score, $1.rowID) }
        return items
    }

    /// Merges per-thread heaps: the union of their best candidates, one per entry, best first, at most `k`.
    package static func merge(_ heaps: [TopKHeap], k: Int) -> [(score: Float, rowID: Int64, entry: Int32)] {
        var best: [Int32: (score: Float, rowID: Int64)] = [:]
        for heap in heaps {
            for i in 0..<heap.scores.count {
                let candidate = (score: heap.scores[i], rowID: heap.rowIDs[i])
                if let current = best[heap.entries[i]],
                   !isBetter(candidate.score, candidate.rowID, than: current.score, current.rowID) { continue }
                best[heap.entries[i]] = candidate
            }
        }
        var items = best.map { (score: $0.value.score, rowID: $0.value.rowID, entry: $0.key) }
        items.sort { isBetter($0.score, $0.rowID, than: $1.score, $1.rowID) }
        return Array(items.prefix(k))
    }

    // Min-heap on "better": the parent is never better than its children.
    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.isBetter(scores[parent], rowIDs[parent], than: scores[child], rowIDs[child]) else { return }
            swapSlots(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let count = scores.count
        while true {
            let left = 2 * parent + 1
            if left >= count { return }
            var worst = left
            let right = left + 1
            if right < count, Self.isBetter(scores[left], rowIDs[left], than: scores[right], rowIDs[right]) { worst = right }
            guard Self.isBetter(scores[parent], rowIDs[parent], than: scores[worst], rowIDs[worst]) else { return }
            swapSlots(parent, worst)
            parent = worst
        }
    }

    @inline(__always)
    private mutating func swapSlots(_ a: Int, _ b: Int) {
        scores.swapAt(a, b)
        rowIDs.swapAt(a, b)
        entries.swapAt(a, b)
        if deduplicate {
            slotOfEntry.set(entries[a], slot: a)
            slotOfEntry.set(entries[b], slot: b)
        }
    }
}
