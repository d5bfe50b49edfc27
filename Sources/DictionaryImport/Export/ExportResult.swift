/// What an export wrote, as recorded in `export_history`.
package struct ExportResult: Sendable, Equatable {
    /// The `export_history` id.
    package let id: String
    package let format: ExportFormat
    package let path: String
    package let entryCount: Int
    package let sizeBytes: Int
}
