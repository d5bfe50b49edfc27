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
}
