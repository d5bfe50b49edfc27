import DictStore
import DictionaryImport
import Foundation
import HTTPTypes
import Hummingbird

/// `GET /api/v1/export`: the dictionary (or a filtered part) as JSON, CSV or a SQLite file.
///
/// The export is written by the engine's `EntryExporting` (one read snapshot, recorded in `export_history` with
/// `requested_by = "http"`; SQLite's off the cooperative thread pool) into a temporary file, then streamed to the client in
/// 64 KiB chunks and deleted, so memory stays flat whatever the dictionary size. (The original built the whole
/// export in memory and answered a fake signed URL.)
struct ExportRoutes {
    /// Largest `limit` (the original's 1…10,000); without `limit` everything that matches is exported.
    static let maximumLimit = 10_000
    static let chunkSize = 64 * 1024

    let dependencies: ServerDependencies

    func register(on router: Router<DictRequestContext>) {
        router.get("/api/v1/export") { request, _ in try await export(request: request) }
    }

    /// `format` json (default), jsonl, csv or sqlite; `languages`, `types` comma lists; `min_quality` 0…100; `limit`.
    func export(request: Request) async throws -> Response {
        let query = try QueryParameters(request)
        let format = try query.choice("format", from: ExportFormat.allCases.map(\.rawValue)).flatMap(ExportFormat.init(rawValue:)) ?? .json
        let filter = ExportFilter(
            languages: try query.languages(["languages", "lang"]).map(\.rawValue),
            types: try query.termTypes(["types", "type"]).map(\.rawValue),
            minQuality: try query.number("min_quality", range: 0...100),
            limit: try query.optionalInteger("limit", range: 1...Self.maximumLimit))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dict-http-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("export.\(format.fileExtension)").path
        let result: ExportResult
        do {
            result = try await dependencies.exporter.writeExport(format: format, filter: filter, to: path, requestedBy: "http")
        } catch let error as ExportError {
            try? FileManager.default.removeItem(at: directory)
            if case .invalidFilter = error { throw APIError.validation(error.description) }
            throw error
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            try? FileManager.default.removeItem(at: directory)
            throw APIError.internalError
        }
        var headers: HTTPFields = [
            .contentType: Self.contentType(format),
            .contentLength: String(result.sizeBytes),
            .contentDisposition: "attachment; filename=\"dict-export-\(Timestamp.day(Date())).\(format.fileExtension)\"",
        ]
        headers[HTTPField.Name("X-Export-ID")!] = result.id
        headers[HTTPField.Name("X-Entry-Count")!] = String(result.entryCount)
        let body = ResponseBody { writer in
            defer {
                try? handle.close()
                try? FileManager.default.removeItem(at: directory)
            }
            while let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    static func contentType(_ format: ExportFormat) -> String {
        switch format {
        case .json: "application/json"
        case .jsonl: "application/x-ndjson"
        case .csv: "text/csv; charset=utf-8"
        case .sqlite: "application/vnd.sqlite3"
        }
    }
}
