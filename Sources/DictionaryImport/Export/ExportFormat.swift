/// File formats `dict export` and `GET /api/v1/export` write.
package enum ExportFormat: String, CaseIterable, Sendable {
    /// `{"format":"json","count":N,"exported_at":…,"data":[entry…]}` with entries in the API's JSON shape.
    case json
    /// One entry per line in the shape `dict import entries` reads (`EntryFileImporter`'s JSONL), with its relations.
    case jsonl
    /// RFC 4180 CSV with a header row (every field quoted when it needs to be).
    case csv
    /// A real SQLite database file with the dictionary schema, the selected entries, their relations and vectors.
    case sqlite

    /// The `export_history.format` value. The table's CHECK (migration 0007) predates JSON Lines, so a JSONL
    /// export is recorded as `json` rather than rebuilding the table.
    package var historyName: String { self == .jsonl ? "json" : rawValue }

    /// The file extension.
    package var fileExtension: String {
        switch self {
        case .json: "json"
        case .jsonl: "jsonl"
        case .csv: "csv"
        case .sqlite: "db"
        }
    }
}
