import Foundation

/// Collects small writes into 256 KiB chunks before they reach the file.
struct BufferedWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity = 256 * 1024

    init(handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(capacity)
    }

    mutating func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
