/// A small open-addressing map from entry ordinal to heap slot, sized once for a heap of `capacity` items.
/// `TopKHeap` updates it on every swap while sifting; a Swift `Dictionary` (SipHash, resizing) made that a quarter
/// of the int8 scan's time. Linear probing over a power-of-two table at most a quarter full, multiplicative
/// hashing, and backward-shift deletion (no tombstones, so probe runs stay short however many evictions happen).
package struct EntrySlotTable {
    private static let empty: Int32 = -1
    private var keys: [Int32]
    private var slots: [Int32]
    private let mask: Int
    private let shift: UInt32

    /// A table for at most `capacity` entries at once.
    package init(capacity: Int) {
        var size = 8
        while size < 4 * max(capacity, 1) { size <<= 1 }
        keys = Array(repeating: Self.empty, count: size)
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        shift = UInt32(32 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private func home(_ entry: Int32) -> Int {
        Int((UInt32(bitPattern: entry) &* 0x9E37_79B1) >> shift) & mask
    }

    /// The position holding `entry`, or the empty position where it would go.
    @inline(__always)
    private func position(of entry: Int32) -> Int {
        var index = home(entry)
        while keys[index] != entry && keys[index] != Self.empty { index = (index + 1) & mask }
        return index
    }

    /// The heap slot of `entry`, if it is kept.
    @inline(__always)
    package func slot(of entry: Int32) -> Int? {
        let index = position(of: entry)
        return keys[index] == entry ? Int(slots[index]) : nil
    }

    /// Records (or moves) `entry` at heap slot `slot`. Entry ordinals are never negative.
    @inline(__always)
    package mutating func set(_ entry: Int32, slot: Int) {
        let index = position(of: entry)
        keys[index] = entry
        slots[index] = Int32(truncatingIfNeeded: slot)
    }

    /// Forgets `entry`; later keys of its probe run shift back so every lookup still finds them.
    package mutating func remove(_ entry: Int32) {
        var hole = position(of: entry)
        guard keys[hole] == entry else { return }
        var next = (hole + 1) & mask
        while keys[next] != Self.empty {
            let want = home(keys[next])
            // Move keys[next] into the hole unless its home lies cyclically in (hole, next].
            let stays = hole <= next ? (hole < want && want <= next) : (hole < want || want <= next)
            if !stays {
                keys[hole] = keys[next]
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        keys[hole] = Self.empty
    }
}
