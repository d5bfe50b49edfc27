import Foundation

/// Writes an export file, on either engine: `EntryExporter` over the SQLite file, `PostgresEntryExporter` over
/// PostgreSQL's `dictionary` schema. Both write the same entries in the same order and record the export in
/// `export_history`.
package protocol EntryExporting: Sendable {
    /// Exports the entries that match `filter` to `path` (which must not exist) and records it; nothing is left at
    /// `path` when it throws.
    func writeExport(format: ExportFormat, filter: ExportFilter, to path: String, requestedBy: String) async throws -> ExportResult
}

extension EntryExporter: EntryExporting {
    /// `export` on a global dispatch queue, so a long export does not hold one of the concurrency pool's threads.
    package func writeExport(format: ExportFormat, filter: ExportFilter, to path: String, requestedBy: String) async throws -> ExportResult {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(with: Result { try export(format: format, filter: filter, to: path, requestedBy: requestedBy) })
            }
        }
    }
}
