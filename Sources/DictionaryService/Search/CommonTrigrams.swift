import Foundation

/// Trigrams of folded terms known to be too common for typo matching (more than `LexicalQuery.postingsCap` terms
/// hold them, like "ion" or "ent"), remembered per search service so each is read to its cap once, not on every
/// misspelling: reading and dropping those postings was most of a typo lookup ("pronounciation" read 15,000 of its
/// 23,000 postings only to skip them). A trigram only grows more common as entries are added; after mass deletes
/// it may stay listed, which makes typo matching skip it (it stays lossless, only less selective).
final class CommonTrigrams: @unchecked Sendable {
    /// A bound on memory whatever the dictionary; WordNet has a few dozen such trigrams.
    static let capacity = 4_096
    private let lock = NSLock()
    private var trigrams = Set<String>()

    func contains(_ trigram: String) -> Bool {
        lock.lock(); defer { lock.unlock() }
        return trigrams.contains(trigram)
    }

    func insert(_ trigram: String) {
        lock.lock(); defer { lock.unlock() }
        if trigrams.count < Self.capacity { trigrams.insert(trigram) }
    }
}
