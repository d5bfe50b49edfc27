import Foundation

/// Index keys a search service has learnt are too common to read, so each is read to its cap once, not on every
/// query: trigrams of folded terms held by more than `LexicalQuery.postingsCap` terms (like "ion" or "ent": reading
/// and dropping them was most of a typo lookup, "pronounciation" read 15,000 of its 23,000 postings only to skip
/// them), and words in more than `LexicalQuery.commonWordCutoff` full-text rows (counting them to the cutoff cost
/// about 0.5 ms a description). A key only grows more common as entries are added; after mass deletes it may stay
/// listed, which makes typo matching skip the trigram (still lossless, only less selective) or leaves the word out
/// of the any-word full-text tier while a rarer one remains.
final class CommonKeys: @unchecked Sendable {
    /// A bound on memory whatever the dictionary; WordNet has a few dozen common trigrams and a few hundred words.
    static let capacity = 4_096
    private let lock = NSLock()
    private var keys = Set<String>()

    func contains(_ key: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return keys.contains(key)
    }

    func insert(_ key: String) {
        lock.lock(); defer { lock.unlock() }
        if keys.count < Self.capacity { keys.insert(key) }
    }
}
