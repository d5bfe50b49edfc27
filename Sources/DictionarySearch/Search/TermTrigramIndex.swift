import Foundation
import GRDB

/// An in-memory copy of every entry's folded term and of its trigram postings, for typo matching without reading
/// the FTS5 trigram index: a misspelt word read up to 5,000 postings per trigram from SQLite (about 5 ms at the
/// p99 of exact lookups on WordNet); here the same postings are slices of one array. Immutable once built; it
/// knows the `dictionary_term_version` it was built at, and `TermTrigramCache` hands it out only while that is
/// current, so it gives exactly the candidates the SQL path would.
///
/// Memory on WordNet (147k terms): about 12 MB (terms as Unicode scalars, one `UInt32` posting per distinct
/// trigram of each term, a sorted key array).
final class TermTrigramIndex: @unchecked Sendable {
    /// The `dictionary_term_version` this copy reflects.
    let version: Int64
    /// Entry `seq` per ordinal, ascending (ordinals follow `seq`, so postings sorted by ordinal are sorted by seq).
    private let seqs: [Int64]
    /// Term `i` is `scalars[termStarts[i]..<termStarts[i + 1]]` (folded, as in `dictionary_entries.folded_term`).
    private let termStarts: [UInt32]
    private let scalars: [Unicode.Scalar]
    /// Distinct trigram keys, ascending; key `k`'s postings are `postings[postingStarts[k]..<postingStarts[k + 1]]`.
    private let keys: [UInt64]
    private let postingStarts: [UInt32]
    private let postings: [UInt32]
    /// Per-term counters for `typoCandidates`, one buffer per concurrent caller, reset after each use (touched
    /// entries only), so a query never clears or allocates anything the size of the dictionary once warm.
    private let counterPool = NSLock()
    private var idleCounters: [[UInt16]] = []

    var termCount: Int { seqs.count }

    /// Reads every folded term and the current version in one read transaction. O(n) time and memory.
    static func build(_ db: Database) throws -> TermTrigramIndex {
        let version = try currentVersion(db)
        var seqs: [Int64] = []
        var termStarts: [UInt32] = [0]
        var scalars: [Unicode.Scalar] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, folded_term FROM dictionary_entries ORDER BY seq")
        while let row = try rows.next() {
            let term: String = row[1]
            seqs.append(row[0])
            scalars.append(contentsOf: term.unicodeScalars)
            termStarts.append(UInt32(scalars.count))
        }
        // Two passes: count each key's postings, then fill them in ordinal order (so each list comes out sorted).
        var keyOrdinal: [UInt64: Int] = [:]
        var counts: [UInt32] = []
        var termKeys: [UInt64] = []
        func distinctKeys(of ordinal: Int) -> [UInt64] {
            termKeys.removeAll(keepingCapacity: true)
            let start = Int(termStarts[ordinal]), end = Int(termStarts[ordinal + 1])
            guard end - start >= 3 else { return termKeys }
            for position in start...(end - 3) {
                let key = trigramKey(scalars[position], scalars[position + 1], scalars[position + 2])
                if !termKeys.contains(key) { termKeys.append(key) }
            }
            return termKeys
        }
        for ordinal in seqs.indices {
            for key in distinctKeys(of: ordinal) {
                if let index = keyOrdinal[key] {
                    counts[index] += 1
                } else {
                    keyOrdinal[key] = counts.count
                    counts.append(1)
                }
            }
        }
        let keys = keyOrdinal.keys.sorted()
        var slot = [Int](repeating: 0, count: counts.count)  // first-seen index → sorted position
        var postingStarts = [UInt32](repeating: 0, count: keys.count + 1)
        for (position, key) in keys.enumerated() {
            let index = keyOrdinal[key]!
            slot[index] = position
            postingStarts[position + 1] = postingStarts[position] + counts[index]
        }
        var next = Array(postingStarts.dropLast())
        var postings = [UInt32](repeating: 0, count: Int(postingStarts[keys.count]))
        for ordinal in seqs.indices {
            for key in distinctKeys(of: ordinal) {
                let position = slot[keyOrdinal[key]!]
                postings[Int(next[position])] = UInt32(ordinal)
                next[position] += 1
            }
        }
        return TermTrigramIndex(version: version, seqs: seqs, termStarts: termStarts, scalars: scalars, keys: keys,
                                postingStarts: postingStarts, postings: postings)
    }

    private init(version: Int64, seqs: [Int64], termStarts: [UInt32], scalars: [Unicode.Scalar], keys: [UInt64],
                 postingStarts: [UInt32], postings: [UInt32]) {
        self.version = version; self.seqs = seqs; self.termStarts = termStarts; self.scalars = scalars
        self.keys = keys; self.postingStarts = postingStarts; self.postings = postings
    }

    /// The counter `0012_add_term_version` keeps: one row read.
    static func currentVersion(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT version FROM dictionary_term_version WHERE id = 1")) ?? 0
    }

    /// Three scalars in one key (21 bits each).
    static func trigramKey(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> UInt64 {
        UInt64(a.value) << 42 | UInt64(b.value) << 21 | UInt64(c.value)
    }

    /// The entries `LexicalQuery.fuzzyTier` would check by edit distance, with the same rules as its SQL path: the
    /// query's distinct trigrams, each skipped when more than `cap` terms hold it; terms holding at least
    /// `minimumShared(distinct, skipped)` of the rest, most shared first then lowest seq, at most `shortlist`; then
    /// only those within `tolerance` edits of `query`, by the same distance. Returns their seqs in shortlist order.
    /// O(postings read + shortlist · |query|²), nothing proportional to the dictionary.
    func typoCandidates(_ query: [Unicode.Scalar], tolerance: Int, cap: Int, shortlist: Int) -> [Int64] {
        guard query.count >= 3 else { return [] }
        var counters = takeCounters()
        defer { returnCounters(counters) }
        var seen: [UInt64] = []
        var skipped = 0
        var touched: [UInt32] = []
        for start in 0...(query.count - 3) {
            let key = Self.trigramKey(query[start], query[start + 1], query[start + 2])
            guard !seen.contains(key) else { continue }
            seen.append(key)
            guard let range = postingRange(of: key) else { continue }
            guard range.count <= cap else { skipped += 1; continue }
            for index in range {
                let ordinal = Int(postings[index])
                if counters[ordinal] == 0 { touched.append(UInt32(ordinal)) }
                counters[ordinal] &+= 1
            }
        }
        let minimumShared = LexicalQuery.minimumShared(distinctTrigrams: seen.count, skipped: skipped, tolerance: tolerance)
        var kept: [(ordinal: UInt32, shared: UInt16)] = []
        for ordinal in touched {
            let count = counters[Int(ordinal)]
            counters[Int(ordinal)] = 0
            if Int(count) >= minimumShared { kept.append((ordinal, count)) }
        }
        let ordered = kept.sorted { $0.shared != $1.shared ? $0.shared > $1.shared : $0.ordinal < $1.ordinal }.prefix(shortlist)
        var result: [Int64] = []
        for (ordinal, _) in ordered {
            let start = Int(termStarts[Int(ordinal)]), end = Int(termStarts[Int(ordinal) + 1])
            guard abs(end - start - query.count) <= tolerance else { continue }
            guard EditDistance.distance(query, Array(scalars[start..<end]), limit: tolerance) != nil else { continue }
            result.append(seqs[Int(ordinal)])
        }
        return result
    }

    private func takeCounters() -> [UInt16] {
        counterPool.lock(); defer { counterPool.unlock() }
        return idleCounters.popLast() ?? [UInt16](repeating: 0, count: seqs.count)
    }

    private func returnCounters(_ counters: [UInt16]) {
        counterPool.lock(); defer { counterPool.unlock() }
        idleCounters.append(counters)
    }

    /// The postings of `key`, or nil when no term holds it. O(log keys).
    private func postingRange(of key: UInt64) -> Range<Int>? {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        guard low < keys.count, keys[low] == key else { return nil }
        return Int(postingStarts[low])..<Int(postingStarts[low + 1])
    }
}
