import Foundation

/// Reads the id list that accompanies a `.npy` or raw float32 matrix: one entry id per line, in row order.
/// Blank trailing lines are ignored; invalid UTF-8 or an empty line inside the list is an error with its line number.
package enum IDListReader {
    /// Parses the list's bytes.
    package static func parse(_ bytes: [UInt8]) throws -> [String] {
        var ids: [String] = []
        var lineNumber = 0
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        while let last = lines.last, last.isEmpty || last == [UInt8(ascii: "\r")] { lines.removeLast() }
        for line in lines {
            lineNumber += 1
            var slice = line
            if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
            guard let text = String(validating: slice, as: UTF8.self) else {
                throw EmbeddingFileError.invalidLine(line: lineNumber, reason: "expected UTF-8 text, found invalid bytes")
            }
            let id = text.trimmingCharacters(in: .whitespaces)
            guard !id.isEmpty else { throw EmbeddingFileError.invalidLine(line: lineNumber, reason: "expected an entry id, found an empty line") }
            ids.append(id)
        }
        return ids
    }

    /// Reads and parses the file at `path`.
    package static func read(path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EmbeddingFileError.unreadable(path: path, reason: "no such file or not readable")
        }
        return try parse([UInt8](data))
    }
}
