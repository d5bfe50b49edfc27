import DictMigrations
import DictStore
import DictTesting
import DictVectors
import Foundation
import GRDB

/// Vector tests against the dictionary database opened through its real migrations (DictTesting's
/// `DatabaseKind`): the SQLite vector source and store read and write the schema as shipped.
enum VectorTestDatabase {
    /// A migrated dictionary database; keep `directory` alive as long as the database.
    static func make(_ kind: DatabaseKind) throws -> (database: StoreDatabase, directory: TemporaryDirectory?) {
        try kind.open(.dictionary)
    }

    /// Inserts entries with the given attributes (the id doubles as term and lookup keys).
    static func insertEntries(_ entries: [(id: String, attributes: EntryAttributes)], into database: StoreDatabase) throws {
        try database.write { db in
            for entry in entries {
                try db.execute(sql: """
                    INSERT INTO dictionary_entries (id, term, normalized_term, folded_term, lang, type, overall_score)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [entry.id, entry.id, entry.id, entry.id, entry.attributes.lang, entry.attributes.type,
                                     Double(entry.attributes.overallScore)])
            }
        }
    }
}

/// A reference answer: one entry with its best (reference) score and row.
struct ReferenceHit {
    let entryID: String
    let score: Double
    let rowID: Int64
}

/// Brute force in Double: every row normalized once, every row scored, each entry's best row kept, filter,
/// full sort. Independent of the index's code paths (no BLAS, no heap).
struct Reference {
    let rows: [IndexedVector]
    private let units: [Double]
    private let d: Int

    init(rows: [IndexedVector]) {
        self.rows = rows
        d = rows.first?.vector.count ?? 0
        units = rows.flatMap { Reference.unit($0.vector) }
    }

    static func unit(_ vector: [Float]) -> [Double] {
        let values = vector.map(Double.init)
        let norm = values.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return values.map { $0 / norm }
    }

    /// Every matching entry's best score, sorted best first (score desc, row id asc).
    func ranking(query: [Float], filter: VectorFilter = .none, minSimilarity: Float = -1) -> [ReferenceHit] {
        let q = Reference.unit(query)
        var best: [String: ReferenceHit] = [:]
        units.withUnsafeBufferPointer { units in
            for (r, row) in rows.enumerated() where filter.matches(row.attributes) {
                var score = 0.0
                for i in 0..<d { score += units[r * d + i] * q[i] }
                if let current = best[row.entryID], current.score > score || (current.score == score && current.rowID < row.rowID) {
                    continue
                }
                best[row.entryID] = ReferenceHit(entryID: row.entryID, score: score, rowID: row.rowID)
            }
        }
        return best.values
            .filter { $0.score >= Double(minSimilarity) }
            .sorted { $0.score > $1.score || ($0.score == $1.score && $0.rowID < $1.rowID) }
    }

    /// One-off ranking without keeping the reference around.
    static func ranking(rows: [IndexedVector], query: [Float], filter: VectorFilter = .none, minSimilarity: Float = -1) -> [ReferenceHit] {
        Reference(rows: rows).ranking(query: query, filter: filter, minSimilarity: minSimilarity)
    }
}

/// Random test data.
enum VectorFixtures {
    static let languages = ["en", "es", "fr", "de", "zh-CN", "zh-TW"]
    static let types = ["tempo", "dynamics", "articulation", "form", "genre", "instrument"]

    static func vector(_ d: Int, using rng: inout SeededGenerator) -> [Float] {
        while true {
            // 24 random bits per component, uniform in [-1, 1); cheaper than Float.random in debug builds.
            let v = (0..<d).map { _ in Float(rng.next() >> 40) * (2 / 16_777_216) - 1 }
            if v.contains(where: { $0 != 0 }) { return v }
        }
    }

    static func attributes(using rng: inout SeededGenerator) -> EntryAttributes {
        EntryAttributes(lang: languages.randomElement(using: &rng)!, type: types.randomElement(using: &rng)!,
                        overallScore: Float(Int.random(in: 0...100, using: &rng)))
    }

    /// `entries` entries with 1...maxChunks rows each; some vectors duplicated exactly to create ties.
    static func rows(entries: Int, d: Int, maxChunks: Int, duplicateFraction: Double,
                     using rng: inout SeededGenerator) -> [IndexedVector] {
        var rows: [IndexedVector] = []
        var nextRowID: Int64 = 1
        for e in 0..<entries {
            let attributes = attributes(using: &rng)
            for _ in 0..<Int.random(in: 1...maxChunks, using: &rng) {
                var v = vector(d, using: &rng)
                if !rows.isEmpty, Double.random(in: 0..<1, using: &rng) < duplicateFraction {
                    v = rows.randomElement(using: &rng)!.vector
                }
                rows.append(IndexedVector(rowID: nextRowID, entryID: "e\(e)", vector: v, attributes: attributes))
                nextRowID += Int64.random(in: 1...3, using: &rng)
            }
        }
        return rows
    }

    static func filter(using rng: inout SeededGenerator) -> VectorFilter {
        var filter = VectorFilter()
        if Bool.random(using: &rng) { filter.languages = Set(languages.shuffled(using: &rng).prefix(Int.random(in: 0...3, using: &rng))) }
        if Bool.random(using: &rng) { filter.types = Set(types.shuffled(using: &rng).prefix(Int.random(in: 1...4, using: &rng))) }
        if Bool.random(using: &rng) {
            let low = Float(Int.random(in: 0...80, using: &rng))
            filter.scoreRange = low...(low + Float(Int.random(in: 0...60, using: &rng)))
        }
        return filter
    }
}

/// Failures found by `compare`, empty when `hits` is a correct exact top-k for `reference` (up to float rounding:
/// two entries whose reference scores differ by at most 1e-5 may swap places).
func compare(_ hits: [VectorHit], with reference: [ReferenceHit], k: Int) -> [String] {
    var problems: [String] = []
    let expected = Array(reference.prefix(k))
    if hits.count != expected.count { problems.append("count \(hits.count), expected \(expected.count)") }
    let scoreOf = Dictionary(uniqueKeysWithValues: reference.map { ($0.entryID, $0) })
    if Set(hits.map(\.entryID)).count != hits.count { problems.append("duplicate entries in \(hits)") }
    for (i, hit) in hits.enumerated() where i < expected.count {
        guard let truth = scoreOf[hit.entryID] else {
            problems.append("rank \(i): \(hit.entryID) does not match the filter")
            continue
        }
        if abs(Double(hit.similarity) - truth.score) > 1e-5 {
            problems.append("rank \(i): \(hit.entryID) similarity \(hit.similarity), reference \(truth.score)")
        }
        if abs(truth.score - expected[i].score) > 1e-5 {
            problems.append("rank \(i): \(hit.entryID) (\(truth.score)) where reference has \(expected[i].entryID) (\(expected[i].score))")
        }
        if i > 0, hits[i - 1].similarity < hit.similarity { problems.append("rank \(i): not sorted") }
    }
    return problems
}
