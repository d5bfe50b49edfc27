import Foundation
import GRDB

/// Which entries an export holds. Empty sets mean "all"; entries are ordered by quality, best first.
package struct ExportFilter: Sendable, Equatable {
    package var languages: [String]
    package var types: [String]
    /// Minimum `overall_score` (0–100).
    package var minQuality: Double?
    /// At most this many entries (1–1,000,000).
    package var limit: Int?

    package init(languages: [String] = [], types: [String] = [], minQuality: Double? = nil, limit: Int? = nil) {
        self.languages = languages
        self.types = types
        self.minQuality = minQuality
        self.limit = limit
    }

    /// Whether any criterion narrows the export (`export_history.export_type` is then `filtered`).
    package var isFiltered: Bool { !languages.isEmpty || !types.isEmpty || minQuality != nil || limit != nil }

    /// The SQL condition (with `?` placeholders) and its arguments, over `dictionary_entries` aliased `e`.
    func whereClause() -> (sql: String, arguments: [DatabaseValue]) {
        var conditions: [String] = []
        var arguments: [DatabaseValue] = []
        if !languages.isEmpty {
            conditions.append("e.lang IN (\(Array(repeating: "?", count: languages.count).joined(separator: ",")))")
            arguments += languages.map(\.databaseValue)
        }
        if !types.isEmpty {
            conditions.append("e.type IN (\(Array(repeating: "?", count: types.count).joined(separator: ",")))")
            arguments += types.map(\.databaseValue)
        }
        if let minQuality {
            conditions.append("e.overall_score >= ?")
            arguments.append(minQuality.databaseValue)
        }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments)
    }

    /// JSON text recorded in `export_history.filters`.
    var json: String {
        func list(_ values: [String]) -> String {
            "[" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
                .joined(separator: ",") + "]"
        }
        var parts = ["\"languages\":\(list(languages))", "\"types\":\(list(types))"]
        if let minQuality { parts.append("\"min_quality\":\(minQuality)") }
        if let limit { parts.append("\"limit\":\(limit)") }
        return "{" + parts.joined(separator: ",") + "}"
    }
}
