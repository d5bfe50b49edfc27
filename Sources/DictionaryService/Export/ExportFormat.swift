/// File formats `dict export` and `GET /api/v1/export` write.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// `{"format":"json","count":N,"exported_at":…,"data":[entry…]}` with entries in the API's JSON shape.
    case json
    /// RFC 4180 CSV with a header row (every field quoted when it needs to be).
    case csv
    /// A real SQLite database file with the dictionary schema, the selected entries, their relations and vectors.
    case sqlite

    /// The file extension.
    public var fileExtension: String {
        switch self {
        case .json: "json"
        case .csv: "csv"
        case .sqlite: "db"
        }
    }
}
