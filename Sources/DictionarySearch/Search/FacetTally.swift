import GRDB

/// Sums `(lang, type, count)` rows into per-value counts of the requested facets.
struct FacetTally {
    private(set) var counts: [SearchFacet: [String: Int]]

    init(_ facets: [SearchFacet]) {
        counts = Dictionary(uniqueKeysWithValues: facets.map { ($0, [:]) })
    }

    mutating func add(lang: String, type: String, count: Int) {
        for facet in counts.keys {
            let value = switch facet {
            case .lang: lang
            case .type: type
            }
            counts[facet, default: [:]][value, default: 0] += count
        }
    }

    /// Adds the rows of a statement selecting `lang, type, count`.
    mutating func add(_ db: Database, sql: String, arguments: StatementArguments) throws {
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            add(lang: row[0], type: row[1], count: row[2])
        }
    }

    /// Counts over the entries with these ids (semantic and hybrid: the ranked hits above the score floor), one
    /// statement per 500 ids.
    static func counts(_ facets: [SearchFacet], ids: [String], db: Database) throws -> [SearchFacet: [String: Int]] {
        var tally = FacetTally(facets)
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            try tally.add(db, sql: """
                SELECT lang, type, count(*) FROM dictionary_entries
                WHERE id IN (\(Array(repeating: "?", count: chunk.count).joined(separator: ","))) GROUP BY lang, type
                """, arguments: StatementArguments(chunk))
            start += 500
        }
        return tally.counts
    }
}
