import Foundation

/// The index's entry ids, interned by their raw UTF-8 bytes: each new id gets the next ordinal (0, 1, 2, …) and its
/// bytes go to one arena in ordinal order, which is the only copy of the ids an index keeps (a `String` is built
/// when a hit is returned). A bulk load interns each entry and finds each row's entry straight from SQLite's text
/// buffer, with no `String` per row or per entry and no SipHash (building and hashing `String`s was a third of a
/// 1M-row load); a `String` is looked up through its UTF-8 view.
/// Open addressing with linear probing over a power-of-two table at most half full. A slot holds everything a
/// probe compares (hash, length, where the bytes start, ordinal), so a lookup touches one slot and the key's bytes
/// in the arena. The hash is seeded per table, so ids chosen to collide cannot be prepared in advance.
package struct EntryIDTable {
    private struct Slot {
        /// The low 32 bits of the key's hash (the slot index comes from them too).
        var hash: UInt32 = 0
        /// The key's byte count + 1; 0 marks an empty slot.
        var lengthPlusOne: UInt32 = 0
        /// Where the key's bytes start in `arena` (here too, so a probe costs no second random read).
        var start: UInt32 = 0
        var ordinal: Int32 = 0
    }

    /// Every key's bytes, in ordinal order.
    private var arena: [UInt8] = []
    /// Where each ordinal's bytes start in `arena`; the next ordinal's start (or the arena's end) is where they end.
    private var startOfOrdinal: [UInt32] = []
    private var slots: [Slot]
    private var mask: Int
    /// Keys interned so far (the next ordinal).
    package var count: Int { startOfOrdinal.count }
    private let seed = UInt64.random(in: .min ... .max)

    /// A table sized for about `expected` keys (it grows past that).
    package init(expected: Int) {
        slots = Array(repeating: Slot(), count: Self.slotCount(for: expected))
        mask = slots.count - 1
        arena.reserveCapacity(expected * 36)
        startOfOrdinal.reserveCapacity(expected)
    }

    /// Makes room for `keys` keys in total without rehashing on the way.
    package mutating func reserve(_ keys: Int) {
        arena.reserveCapacity(keys * 36)
        startOfOrdinal.reserveCapacity(keys)
        let wanted = Self.slotCount(for: keys)
        if wanted > slots.count { rehash(slotCount: wanted) }
    }

    /// The ordinal of `key`'s UTF-8 bytes, or nil.
    package func ordinal(of key: String) -> Int32? {
        var key = key
        return key.withUTF8 { ordinal(of: UnsafeRawBufferPointer($0)) }
    }

    /// The ordinal of `key`'s UTF-8 bytes, assigning the next one to a new key.
    package mutating func intern(_ key: String) -> Int32 {
        var key = key
        return key.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The ordinal of `key`, assigning the next one to a new key. Amortized O(|key|).
    package mutating func intern(_ key: UnsafeRawBufferPointer) -> Int32 {
        precondition(key.count < Int(UInt32.max) && arena.count + key.count <= Int(UInt32.max), "entry id table is limited to 4 GiB of ids")
        let hash = hash(key)
        var slot = Int(hash) & mask
        while slots[slot].lengthPlusOne != 0 {
            if matches(slots[slot], key, hash) { return slots[slot].ordinal }
            slot = (slot + 1) & mask
        }
        let ordinal = Int32(count)
        slots[slot] = Slot(hash: hash, lengthPlusOne: UInt32(key.count + 1), start: UInt32(arena.count), ordinal: ordinal)
        startOfOrdinal.append(UInt32(arena.count))
        arena.append(contentsOf: key)
        if 2 * count > slots.count { rehash(slotCount: 2 * slots.count) }
        return ordinal
    }

    /// The id interned as `ordinal` (which must be below `count`).
    package func key(ofOrdinal ordinal: Int32) -> String {
        let range = byteRange(of: Int(ordinal))
        return arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// Whether `key` is the id interned as `ordinal`.
    package func key(ofOrdinal ordinal: Int32, equals key: String) -> Bool {
        guard ordinal >= 0, Int(ordinal) < count else { return false }
        let range = byteRange(of: Int(ordinal))
        return arena.withUnsafeBufferPointer { $0[range].elementsEqual(key.utf8) }
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

    /// `ordinal(of:)`, trying `guess` and `guess + 1` first by comparing bytes in the arena: rows read in the
    /// order their entries were interned find their entry without hashing or a probe into the slot table (the
    /// probes' cache misses were a sixth of a 1M-row load). Falls back to the hash lookup.
    package func ordinal(of key: UnsafeRawBufferPointer, guess: Int32) -> Int32? {
        if guess >= 0 {
            for candidate in Int(guess)...Int(guess) + 1 where candidate < count {
                let range = byteRange(of: candidate)
                if range.count == key.count && (key.isEmpty || arena.withUnsafeBytes {
                    memcmp($0.baseAddress! + range.lowerBound, key.baseAddress!, key.count) == 0
                }) {
                    return Int32(candidate)
                }
            }
        }
        return ordinal(of: key)
    }

    private func byteRange(of ordinal: Int) -> Range<Int> {
        Int(startOfOrdinal[ordinal])..<(ordinal + 1 < count ? Int(startOfOrdinal[ordinal + 1]) : arena.count)
    }

    private func matches(_ slot: Slot, _ key: UnsafeRawBufferPointer, _ hash: UInt32) -> Bool {
        guard slot.hash == hash, Int(slot.lengthPlusOne) == key.count + 1 else { return false }
        return key.isEmpty || arena.withUnsafeBytes {
            memcmp($0.baseAddress! + Int(slot.start), key.baseAddress!, key.count) == 0
        }
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
