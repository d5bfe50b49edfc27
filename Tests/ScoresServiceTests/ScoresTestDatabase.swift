import DictMigrations
import DictStore
import Foundation
import ScoresService

/// Where a test's scores database lives; tests run against both.
enum StorageKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case memory, file
    var description: String { rawValue }
}

/// A scores service over a fresh database, with the temporary folder that keeps a file database alive.
final class ScoresFixture: @unchecked Sendable {
    let service: ScoresService
    let directory: URL?

    init(_ kind: StorageKind) throws {
        switch kind {
        case .memory:
            directory = nil
            service = try ScoresService.open(dataDirectory: ":memory:")
        case .file:
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("dict-scores-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            directory = url
            service = try ScoresService.open(dataDirectory: url.path)
        }
    }

    deinit { if let directory { try? FileManager.default.removeItem(at: directory) } }
}
