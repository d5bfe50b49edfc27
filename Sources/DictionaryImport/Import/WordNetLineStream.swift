import Foundation

/// Reads a file line by line in fixed-size chunks, handing each line's bytes (without `\n`) and its byte offset.
///
/// Memory stays bounded by the chunk size plus the longest line; a line longer than `maximumLineLength` is an error
/// rather than an unbounded allocation.
struct WordNetLineStream {
    /// The largest accepted line; WordNet 3.0's longest line is about 16 kB.
    static let maximumLineLength = 1 << 20
    private static let chunkSize = 1 << 20

    let path: String
    let fileLabel: String

    /// Calls `body(lineBytes, lineNumber, byteOffset)` for every line, the last one even without a final newline.
    func forEachLine(_ body: (_ bytes: [UInt8], _ lineNumber: Int, _ byteOffset: Int) throws -> Void) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw WordNetError.fileMissing(path: path) }
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw WordNetError.unreadable(path: path, reason: String(describing: error))
        }
        defer { try? handle.close() }

        var pending: [UInt8] = []
        var lineNumber = 0
        var lineOffset = 0
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: Self.chunkSize) ?? Data()
            } catch {
                throw WordNetError.unreadable(path: path, reason: String(describing: error))
            }
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            var lineStart = 0
            while let newline = pending[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                lineNumber += 1
                guard newline - lineStart <= Self.maximumLineLength else {
                    throw WordNetError.lineTooLong(file: fileLabel, line: lineNumber, limit: Self.maximumLineLength)
                }
                try body(Array(pending[lineStart..<newline]), lineNumber, lineOffset)
                lineOffset += newline - lineStart + 1
                lineStart = newline + 1
            }
            pending.removeFirst(lineStart)
            if pending.count > Self.maximumLineLength {
                throw WordNetError.lineTooLong(file: fileLabel, line: lineNumber + 1, limit: Self.maximumLineLength)
            }
        }
        if !pending.isEmpty {
            try body(pending, lineNumber + 1, lineOffset)
        }
    }
}
