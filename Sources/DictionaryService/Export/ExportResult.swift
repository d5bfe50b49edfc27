/// What an export wrote, as recorded in `export_history`.
public struct ExportResult: Sendable, Equatable {
    /// The `export_history` id.
    public let id: String
    public let format: ExportFormat
    public let path: String
    public let entryCount: Int
    public let sizeBytes: Int
}
