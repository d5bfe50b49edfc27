package import Foundation

/// A fresh directory under the system temporary folder, removed when the value is released.
package final class TemporaryDirectory: @unchecked Sendable {
    /// The directory's URL.
    package let url: URL
    /// The directory's path.
    package var path: String { url.path }

    package init(prefix: String = "dict-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `data` to `name` (a relative path; missing subfolders are created) and returns the file's path.
    @discardableResult
    package func write(_ data: Data, to name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }
}
