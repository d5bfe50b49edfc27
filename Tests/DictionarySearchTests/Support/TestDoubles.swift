import DictEmbedding
import DictVectors
import Foundation
@testable import DictionaryCore
@testable import DictionarySearch


/// Test double: a deterministic hashed bag-of-words embedder (FNV-1a of each folded token into `dimension`
/// buckets, L2-normalized). Texts sharing words get a positive cosine; it is not a language model.
struct HashedBagOfWordsEmbedder: Embedder {
    let modelName = "test-hashed-bow"
    let dimension: Int

    init(dimension: Int = 256) { self.dimension = dimension }

    func embed(_ texts: [String]) throws -> [[Float]] {
        texts.map { text in
            var vector = [Float](repeating: 0, count: dimension)
            for token in QueryText.tokens(TermNormalizer.fold(TermNormalizer.normalize(text))) {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                for byte in token.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
                vector[Int(hash % UInt64(dimension))] += 1
            }
            let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return norm > 0 ? vector.map { $0 / norm } : vector
        }
    }
    func tokenCount(of text: String) -> Int { text.split(separator: " ").count }
}

/// The hashed bag-of-words double, declared multilingual: what search does differently for multilingual-e5-small.
struct MultilingualBagOfWordsEmbedder: Embedder {
    let base = HashedBagOfWordsEmbedder()
    var modelName: String { "test-multilingual" }
    var dimension: Int { base.dimension }
    var isMultilingual: Bool { true }
    func embed(_ texts: [String]) throws -> [[Float]] { try base.embed(texts) }
    func tokenCount(of text: String) -> Int { text.split(separator: " ").count }
}

/// Test double: exact top-k by a full scan (ties by lower insertion index), filtering on each vector's entry.
final class BruteForceBackend: SemanticBackend, @unchecked Sendable {
    private(set) var vectors: [(id: String, vector: [Float])] = []
    private var entries: [String: DictionaryEntry] = [:]

    func add(_ entry: DictionaryEntry, vector: [Float]) {
        vectors.append((entry.id, vector))
        entries[entry.id] = entry
    }

    func search(query: UnitVector, k: Int, filters: SearchFilters, partOfSpeech: PartOfSpeech?, minSimilarity: Float) throws
        -> [SemanticMatch] {
        let scored = vectors.enumerated().compactMap { index, item -> (Int, SemanticMatch)? in
            guard let entry = entries[item.id], filters.matches(entry) else { return nil }
            var dot: Float = 0
            query.components.withUnsafeBufferPointer { q in
                item.vector.withUnsafeBufferPointer { v in
                    for i in 0..<min(q.count, v.count) { dot += q[i] * v[i] }
                }
            }
            guard dot >= minSimilarity else { return nil }
            return (index, SemanticMatch(entryID: item.id, similarity: dot))
        }
        return scored.sorted { $0.1.similarity != $1.1.similarity ? $0.1.similarity > $1.1.similarity : $0.0 < $1.0 }
            .prefix(k).map(\.1)
    }

    func matches(query: UnitVector, entryIDs: [String], partOfSpeech: PartOfSpeech?) throws -> [SemanticMatch] {
        let wanted = Set(entryIDs)
        return try search(query: query, k: vectors.count, filters: SearchFilters(), partOfSpeech: partOfSpeech, minSimilarity: -.infinity)
            .filter { wanted.contains($0.entryID) }
    }
}

/// Test double: an embedder that returns a wrong-sized or non-finite vector.
struct BrokenEmbedder: Embedder {
    let modelName = "broken"
    let dimension = 8
    let output: [Float]
    func embed(_ texts: [String]) throws -> [[Float]] { texts.map { _ in output } }
    func tokenCount(of text: String) -> Int { text.split(separator: " ").count }
}

extension FixtureDictionary {
    /// Semantic components over every fixture entry (term + concise definition embedded).
    func semanticComponents() throws -> (SemanticComponents, BruteForceBackend) {
        let embedder = HashedBagOfWordsEmbedder()
        let backend = BruteForceBackend()
        for entry in try allEntries() {
            let text = "\(entry.term) \(entry.definition.concise ?? "")"
            backend.add(entry, vector: try embedder.embed([text])[0])
        }
        return (SemanticComponents(embedder: embedder, backend: backend), backend)
    }
}
