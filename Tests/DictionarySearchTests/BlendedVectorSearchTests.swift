import DictEmbedding
import DictTesting
import DictVectors
import Foundation
import Testing
@testable import DictionaryCore
@testable import DictionarySearch

/// A backend whose entries have fixed scores whatever the query (`similarity` plus `prior` is what it ranks by),
/// counting the searches asked of it; entries carry a language for filtering.
private final class TableBackend: SemanticBackend, @unchecked Sendable {
    let rows: [String: (similarity: Float, prior: Float, language: Language)]
    private let lock = NSLock()
    private var searchDepths: [Int] = []

    init(_ rows: [String: (similarity: Float, prior: Float, language: Language)]) { self.rows = rows }

    /// The `k` of every search so far.
    var depths: [Int] { lock.withLock { searchDepths } }

    private func match(_ id: String) -> SemanticMatch? {
        rows[id].map { SemanticMatch(entryID: id, similarity: $0.similarity, rowID: Int64(id.hashValue & 0xffff), rankingScore: $0.similarity + $0.prior) }
    }

    func search(query: UnitVector, k: Int, filters: SearchFilters, partOfSpeech: PartOfSpeech?, minSimilarity: Float) throws
        -> [SemanticMatch] {
        lock.withLock { searchDepths.append(k) }
        return rows.keys.filter { filters.languages.isEmpty || filters.languages.contains(rows[$0]!.language) }
            .compactMap(match).filter { $0.similarity >= minSimilarity }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.entryID < $1.entryID }
            .prefix(k).map { $0 }
    }

    func matches(query: UnitVector, entryIDs: [String], partOfSpeech: PartOfSpeech?) throws -> [SemanticMatch] {
        entryIDs.compactMap(match)
    }
}

@Suite("Blended search of a model and its English companion")
struct BlendedVectorSearchTests {
    private static let query = try! UnitVector(normalizing: [1, 0], dimension: 2)

    /// Every entry's blended score by brute force, as the type documents it, best first.
    private static func bruteForce(_ primary: TableBackend, _ companion: TableBackend, weight: Float, languages: Set<Language>)
        -> [(id: String, score: Float, similarity: Float)] {
        let missing = BlendedVectorSearch.missingScore
        let ids = Set(primary.rows.keys).union(companion.rows.keys)
        return ids.compactMap { id -> (String, Float, Float)? in
            let a = primary.rows[id], b = companion.rows[id]
            guard languages.isEmpty || languages.contains((a ?? b)!.language) else { return nil }
            let score = (1 - weight) * (a.map { $0.similarity + $0.prior } ?? missing) + weight * (b.map { $0.similarity + $0.prior } ?? missing)
            let similarity = (1 - weight) * (a?.similarity ?? missing) + weight * (b?.similarity ?? missing)
            return (id, score, similarity)
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    private static func search(_ primary: TableBackend, _ companion: TableBackend, weight: Float, k: Int,
                               languages: [Language] = [], minSimilarity: Float = -.infinity) throws -> [SemanticMatch] {
        try BlendedVectorSearch.search(primary: primary, query: query, companion: companion, companionQuery: query, weight: weight, k: k,
                                       filters: SearchFilters(languages: languages), partOfSpeech: nil, minSimilarity: minSimilarity)
    }

    @Test("Equals the brute-force blend: random scores, entries missing from either model, filters, several k and weights")
    func equalsBruteForce() throws {
        var seed = UInt64(42)
        func next() -> Float {  // deterministic: the case that fails must fail again
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Float(seed >> 40) / Float(1 << 24)
        }
        var first: [String: (Float, Float, Language)] = [:], second: [String: (Float, Float, Language)] = [:]
        for i in 0..<3000 {
            let id = String(format: "e%04d", i)
            let language: Language = i % 3 == 0 ? .de : .en
            let base = next()
            // Correlated models, as two encoders of the same text are; some entries lack one model's vector.
            if i % 17 != 0 { first[id] = (0.6 * base + 0.4 * next() - 0.2, 0.05 * next(), language) }
            if i % 13 != 0 { second[id] = (0.5 * base + 0.5 * next() - 0.1, 0.05 * next(), language) }
        }
        let primary = TableBackend(first.mapValues { (similarity: $0.0, prior: $0.1, language: $0.2) })
        let companion = TableBackend(second.mapValues { (similarity: $0.0, prior: $0.1, language: $0.2) })
        for weight: Float in [0, 0.3, 0.5, 0.8, 1] {
            for k in [1, 10, 100, 1000] {
                for languages: [Language] in [[], [.de]] {
                    let expected = Self.bruteForce(primary, companion, weight: weight, languages: Set(languages)).prefix(k)
                    let found = try Self.search(primary, companion, weight: weight, k: k, languages: languages)
                    #expect(found.map(\.entryID) == expected.map(\.id), "weight \(weight), k \(k), languages \(languages)")
                    for (hit, want) in zip(found, expected) {
                        #expect(abs(hit.score - want.score) < 1e-5 && abs(hit.similarity - want.similarity) < 1e-5)
                    }
                }
            }
        }
    }

    @Test("Reads both lists deeper when their heads disagree, and only then")
    func readsDeeperOnlyWhenNeeded() throws {
        // Anti-correlated models: the primary's best entries are the companion's worst, so the blend's best lie
        // in the middle of both lists, below the first depth (256).
        var first: [String: (similarity: Float, prior: Float, language: Language)] = [:], second = first
        for i in 0..<4000 {
            let id = String(format: "e%04d", i), x = Float(i) / 4000
            first[id] = (x, 0, .en)
            second[id] = (1 - x + 0.1 * Float(i % 7) / 7, 0, .en)
        }
        let primary = TableBackend(first), companion = TableBackend(second)
        let found = try Self.search(primary, companion, weight: 0.5, k: 10)
        #expect(found.map(\.entryID) == Self.bruteForce(primary, companion, weight: 0.5, languages: []).prefix(10).map(\.id))
        #expect(primary.depths.count > 1 && primary.depths == companion.depths, "depths: \(primary.depths)")

        // Agreeing models: one round.
        let agreeing = TableBackend(first)
        _ = try Self.search(primary, agreeing, weight: 0.5, k: 10)
        #expect(agreeing.depths == [256])
    }

    @Test("The cosine floor applies to the blended cosine; matches blends the entries asked for")
    func floorAndMatches() throws {
        let primary = TableBackend(["a": (0.9, 0, .en), "b": (0.5, 0.3, .en), "c": (0.1, 0, .en)])
        let companion = TableBackend(["a": (0.1, 0, .en), "b": (0.5, 0, .en), "d": (0.85, 0, .en)])
        let found = try Self.search(primary, companion, weight: 0.5, k: 10, minSimilarity: 0.45)
        // Blended cosines (scores): b 0.5 (0.65), d 0.525 (0.2 counted for its missing primary), a 0.5, c 0.15.
        #expect(found.map(\.entryID) == ["b", "d", "a"])
        let matched = try BlendedVectorSearch.matches(primary: primary, query: Self.query, companion: companion, companionQuery: Self.query,
                                                      weight: 0.5, entryIDs: ["c", "d", "zz"], partOfSpeech: nil)
        #expect(Set(matched.map(\.entryID)) == ["c", "d"])
        #expect(matched.first { $0.entryID == "c" }.map { abs($0.similarity - 0.15) < 1e-6 } == true)
    }
}

/// A backend that counts the searches asked of it.
private final class CountingBackend: SemanticBackend, @unchecked Sendable {
    let base: BruteForceBackend
    private let lock = NSLock()
    private var count = 0
    init(base: BruteForceBackend) { self.base = base }

    /// Searches and matches asked since the last call, then forgets them.
    func take() -> Int { lock.withLock { defer { count = 0 }; return count } }

    func search(query: UnitVector, k: Int, filters: SearchFilters, partOfSpeech: PartOfSpeech?, minSimilarity: Float) throws
        -> [SemanticMatch] {
        lock.withLock { count += 1 }
        return try base.search(query: query, k: k, filters: filters, partOfSpeech: partOfSpeech, minSimilarity: minSimilarity)
    }
    func matches(query: UnitVector, entryIDs: [String], partOfSpeech: PartOfSpeech?) throws -> [SemanticMatch] {
        lock.withLock { count += 1 }
        return try base.matches(query: query, entryIDs: entryIDs, partOfSpeech: partOfSpeech)
    }
}

@Suite("Search blends the English companion for English queries only")
struct SemanticCompanionSearchTests {
    @Test("English queries (stated, or unstated and not read as es/fr/de; results that may be English) blend; other languages, CJK and cross-language do not")
    func blendsEnglishQueriesOnly() async throws {
        let fixture = try FixtureDictionary(kind: .memory)
        let (english, backend) = try fixture.semanticComponents()
        let companion = CountingBackend(base: backend)
        let service = SearchService(database: fixture.database, semantic: SemanticComponents(
            embedder: MultilingualBagOfWordsEmbedder(), backend: english.backend,
            companion: SemanticCompanion(embedder: HashedBagOfWordsEmbedder(), backend: companion)))

        for mode in [SearchMode.semantic, .hybrid] {
            let plain = try await service.search(SearchRequest(query: "gradually louder", mode: mode))
            #expect(plain.results.first?.entry.term == "crescendo")
            #expect(companion.take() > 0, "\(mode): an English query blends")
            var stated = SearchRequest(query: "gradually louder", mode: mode, filters: SearchFilters(languages: [.en]))
            stated.queryLanguage = .en
            _ = try await service.search(stated)
            #expect(companion.take() > 0, "\(mode): query_lang en blends")

            var german = SearchRequest(query: "allmählich lauter", mode: mode, filters: SearchFilters(languages: [.en]))
            german.queryLanguage = .de
            _ = try await service.search(german)
            #expect(companion.take() == 0, "\(mode): a German query searching English entries does not blend")
            _ = try await service.search(SearchRequest(query: "gradually louder", mode: mode, filters: SearchFilters(languages: [.de])))
            #expect(companion.take() == 0, "\(mode): a search of German entries only does not blend")
            _ = try await service.search(SearchRequest(query: "die Musik wird allmählich immer lauter", mode: mode))
            #expect(companion.take() == 0, "\(mode): a query read as German does not blend")
            _ = try await service.search(SearchRequest(query: "渐渐变强", mode: mode))
            #expect(companion.take() == 0, "\(mode): a mostly-CJK query does not blend")
        }
        let vector = try UnitVector(normalizing: [1, 0], dimension: 2)
        #expect(service.rankerModel(for: SemanticQuery(vector: vector, companion: vector)) == "test-multilingual+test-hashed-bow")
        #expect(service.rankerModel(for: SemanticQuery(vector: vector)) == "test-multilingual")
    }
}
