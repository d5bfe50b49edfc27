import Foundation

/// Entry ids → ordinals keyed by their raw UTF-8 bytes: the index's entry table. A bulk load interns each entry
/// and finds each row's entry straight from SQLite's text buffer, with no `String` per row and no SipHash
/// (building and hashing `String`s was a third of a 1M-row load); a `String` is looked up through its UTF-8 view.
/// Open addressing with linear probing over a power-of-two table at most half full. A slot holds everything a
/// probe compares (hash, length, where the bytes start, ordinal), so a lookup touches one slot and the key's bytes
/// in one arena. The hash is seeded per table, so ids chosen to collide cannot be prepared in advance.
package struct EntryIDTable {
    private struct Slot {
        /// The low 32 bits of the key's hash (the slot index comes from them too).
        var hash: UInt32 = 0
        /// The key's byte count + 1; 0 marks an empty slot.
        var lengthPlusOne: UInt32 = 0
        /// Where the key's bytes start in `arena`.
        var start: UInt32 = 0
        var ordinal: Int32 = 0
    }

    private var arena: [UInt8] = []
    private var slots: [Slot]
    private var mask: Int
    package private(set) var count = 0
    private let seed = UInt64.random(in: .min ... .max)

    /// A table sized for about `expected` keys (it grows past that).
    package init(expected: Int) {
        slots = Array(repeating: Slot(), count: Self.slotCount(for: expected))
        mask = slots.count - 1
        arena.reserveCapacity(expected * 36)
    }

    /// Makes room for `keys` keys in total without rehashing on the way.
    package mutating func reserve(_ keys: Int) {
        arena.reserveCapacity(keys * 36)
        let wanted = Self.slotCount(for: keys)
        if wanted > slots.count { rehash(slotCount: wanted) }
    }

    /// The ordinal of `key`'s UTF-8 bytes, or nil.
    package func ordinal(of key: String) -> Int32? {
        var key = key
        return key.withUTF8 { ordinal(of: UnsafeRawBufferPointer($0)) }
    }

    /// Maps `key`'s UTF-8 bytes to `ordinal`.
    package mutating func insert(_ key: String, ordinal: Int32) {
        var key = key
        key.withUTF8 { insert(UnsafeRawBufferPointer($0), ordinal: ordinal) }
    }

    /// Maps `key` to `ordinal`, replacing the ordinal of an equal key. Amortized O(|key|).
    package mutating func insert(_ key: UnsafeRawBufferPointer, ordinal: Int32) {
        precondition(key.count < Int(UInt32.max) && arena.count + key.count <= Int(UInt32.max), "entry id table is limited to 4 GiB of ids")
        let hash = hash(key)
        var slot = Int(hash) & mask
        while slots[slot].lengthPlusOne != 0 {
            if matches(slots[slot], key, hash) {
                slots[slot].ordinal = ordinal
                return
            }
            slot = (slot + 1) & mask
        }
        slots[slot] = Slot(hash: hash, lengthPlusOne: UInt32(key.count + 1), start: UInt32(arena.count), ordinal: ordinal)
        arena.append(contentsOf: key)
        count += 1
        if 2 * count > slots.count { rehash(slotCount: 2 * slots.count) }
    }

    /// The ordinal of `key`, or nil. O(|key|) expected.
    package func ordinal(of key: UnsafeRawBufferPointer) -> Int32? {
        let hash = hash(key)
        var slot = Int(hash) & mask
        while slots[slot].lengthPlusOne != 0 {
            if matches(slots[slot], key, hash) { return slots[slot].ordinal }
            slot = (slot + 1) & mask
        }
        return nil
    }

    private func matches(_ slot: Slot, _ key: UnsafeRawBufferPointer, _ hash: UInt32) -> Bool {
        guard slot.hash == hash, Int(slot.lengthPlusOne) == key.count + 1 else { return false }
        return key.isEmpty || arena.withUnsafeBytes { memcmp($0.baseAddress! + Int(slot.start), key.baseAddress!, key.count) == 0 }
    }

    private mutating func rehash(slotCount: Int) {
        let old = slots
        slots = Array(repeating: Slot(), count: slotCount)
        mask = slotCount - 1
        for entry in old where entry.lengthPlusOne != 0 {
            var slot = Int(entry.hash) & mask
            while slots[slot].lengthPlusOne != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// Eight bytes at a time through a multiply-xorshift mix (murmur3's finalizer constants), then the tail; the
    /// low 32 bits of the result.
    private func hash(_ key: UnsafeRawBufferPointer) -> UInt32 {
        var h = seed ^ (UInt64(key.count) &* 0x9E37_79B9_7F4A_7C15)
        var offset = 0
        while offset + 8 <= key.count {
            h = (h ^ key.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            offset += 8
        }
        var tail: UInt64 = 0
        while offset < key.count {
            tail = tail << 8 | UInt64(key[offset])
            offset += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return UInt32(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The smallest power of two at least twice `expected` (16 at least), within 32-bit hashes' reach.
    private static func slotCount(for expected: Int) -> Int {
        var count = 16
        while count < 2 * expected, count < 1 << 32 { count <<= 1 }
        return count
    }
}
