import APIService
import Foundation

/// Where a test's API database lives; tests run against both.
enum StorageKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case memory, file
    var description: String { rawValue }
}

/// An API service over a fresh database, with the temporary folder that keeps a file database alive.
final class APIFixture: @unchecked Sendable {
    let service: APIService
    let directory: URL?

    init(_ kind: StorageKind) throws {
        switch kind {
        case .memory:
            directory = nil
            service = try APIService.open(dataDirectory: ":memory:")
        case .file:
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("dict-api-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            directory = url
            service = try APIService.open(dataDirectory: url.path)
        }
    }

    deinit { if let directory { try? FileManager.default.removeItem(at: directory) } }
}

extension JSONValue {
    /// Shorthand for test payloads.
    static func obj(_ members: [String: JSONValue]) -> JSONValue { .object(members) }
}
