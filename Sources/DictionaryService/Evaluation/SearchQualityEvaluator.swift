import Foundation

/// Measures search quality on a held-out query set: for each mode, recall@1 and recall@10 of the expected terms.
/// A result counts when its normalized term, or (for translations) the normalized `metadata.translation_of`,
/// equals a normalized expected term. Give it a `SearchService` without an analytics recorder, so evaluation
/// searches do not count as user searches.
public struct SearchQualityEvaluator: Sendable {
    public let search: SearchService

    public init(search: SearchService) { self.search = search }

    /// Reads a JSONL query file (`{"query", "expected", …}` per line); a bad line names its number.
    public static func loadQueries(path: String) throws -> [EvaluationQuery] {
        guard let data = FileManager.default.contents(atPath: path) else { throw EvaluationError.unreadable(file: path) }
        var queries: [EvaluationQuery] = []
        for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
            where !line.allSatisfy({ $0 == 32 || $0 == 13 }) {
            do {
                queries.append(try JSONDecoder().decode(EvaluationQuery.self, from: Data(line)))
            } catch {
                throw EvaluationError.invalidLine(file: path, line: index + 1)
            }
        }
        return queries
    }

    /// Recall per mode over `queries` (each searched with limit 10, no filters).
    public func evaluate(_ queries: [EvaluationQuery], modes: [SearchMode]) throws -> [ModeQuality] {
        try modes.map { mode in
            var quality = ModeQuality(mode: mode.rawValue, queries: queries.count, hitsAt1: 0, hitsAt10: 0, meanMilliseconds: 0)
            var totalNanoseconds: UInt64 = 0
            for query in queries {
                let expected = Set(query.expected.map(TermNormalizer.normalize))
                let started = DispatchTime.now().uptimeNanoseconds
                let response = try search.search(SearchRequest(query: query.query, mode: mode, limit: 10, source: .api))
                totalNanoseconds += DispatchTime.now().uptimeNanoseconds - started
                let ranks = response.results.map { hit in
                    expected.contains(hit.entry.normalizedTerm)
                        || hit.entry.metadata.translationOf.map { expected.contains(TermNormalizer.normalize($0)) } == true
                }
                if ranks.first == true { quality.hitsAt1 += 1 }
                if ranks.contains(true) { quality.hitsAt10 += 1 }
            }
            quality.meanMilliseconds = queries.isEmpty ? 0 : Double(totalNanoseconds) / 1e6 / Double(queries.count)
            return quality
        }
    }
}
