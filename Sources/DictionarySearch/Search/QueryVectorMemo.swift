import DictVectors
import Foundation

/// The query's embedding, computed at most once per search: a cross-language search ranks the same text twice
/// (in the results' languages, then in the query's own, `addingTranslations`), and the second ranking reuses the
/// first one's vector instead of running the encoder again.
final class QueryVectorMemo: @unchecked Sendable {
    // Guards both slots; held while embedding, so a concurrent second caller waits for the first result.
    private let lock = NSLock()
    private var vector: UnitVector?
    private var companion: UnitVector??

    /// The remembered vector, or `embed()`'s, remembered.
    func vector(_ embed: () throws -> UnitVector) rethrows -> UnitVector {
        try remembered(\.vector, embed)
    }

    /// The remembered English companion vector (`SemanticCompanion`), or `embed()`'s, remembered.
    func companion(_ embed: () throws -> UnitVector?) rethrows -> UnitVector? {
        try remembered(\.companion, embed)
    }

    private func remembered<Value>(_ slot: ReferenceWritableKeyPath<QueryVectorMemo, Value?>, _ compute: () throws -> Value) rethrows -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value = self[keyPath: slot] { return value }
        let computed = try compute()
        self[keyPath: slot] = computed
        return computed
    }
}
