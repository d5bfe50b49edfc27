package import DictStore
package import Foundation
import Logging

/// Writes `SearchEvent`s to `search_analytics` (through a `SearchEventWriter`, SQLite's or PostgreSQL's) off the
/// request path. `record` only appends to a bounded
/// in-memory buffer (O(1), never blocks on the database, never throws); a background thread writes the buffer in
/// batches, one transaction per batch with a cached statement, every `flushInterval` or as soon as `batchSize`
/// events wait. When the buffer is full, new events are dropped and counted in `droppedCount` rather than slowing
/// searches. `flush()` writes everything buffered now; `shutdown()` stops the thread after a final flush.
/// The same batch bumps `search_frequency`/`last_accessed` of entries found by exact lookups. Call `shutdown()`
/// before the process exits: the writer thread keeps the recorder alive until then.
package final class SearchAnalyticsRecorder: @unchecked Sendable {
    /// Events the buffer holds before dropping.
    package let capacity: Int
    /// Events that trigger an early write.
    package let batchSize: Int
    /// Longest time an event waits in the buffer. Two seconds by default: every commit to the dictionary database
    /// makes each pooled reader drop its memory map of the file on its next read (SQLite re-maps after any WAL
    /// change) and fault its pages in again; at 0.5 s that cost hybrid search over HTTP 5 ms of system time per
    /// request on WordNet (558 minor faults per request, against 116 at 5 s).
    package let flushInterval: TimeInterval

    private let writer: any SearchEventWriter
    private let logger = Logger(label: "dict.analytics")
    private let condition = NSCondition()
    /// Held while a batch is written, so `flush()` returns only after every earlier event is in the database.
    private let writeLock = NSLock()
    private var buffer: [SearchEvent] = []
    private var dropped = 0
    private var failed = 0
    private var written = 0
    private var stopping = false
    private var worker: Thread?
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the background writer over the SQLite dictionary database.
    package convenience init(database: StoreDatabase, capacity: Int = 50_000, batchSize: Int = 500, flushInterval: TimeInterval = 2) {
        self.init(writer: SQLiteSearchEventWriter(database: database), capacity: capacity, batchSize: batchSize, flushInterval: flushInterval)
    }

    /// Starts the background writer.
    package init(writer: any SearchEventWriter, capacity: Int = 50_000, batchSize: Int = 500, flushInterval: TimeInterval = 2) {
        self.writer = writer
        self.capacity = max(1, capacity)
        self.batchSize = max(1, batchSize)
        self.flushInterval = flushInterval
        let thread = Thread { [self] in runWorker() }
        thread.name = "dict.analytics"
        worker = thread
        thread.start()
    }

    /// Buffers `event`; returns false (and counts a drop) when the buffer is full or the recorder stopped.
    @discardableResult
    package func record(_ event: SearchEvent) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping, buffer.count < capacity else {
            dropped += 1
            return false
        }
        buffer.append(event)
        if buffer.count >= batchSize { condition.signal() }
        return true
    }

    /// Events dropped because the buffer was full (or after shutdown).
    package var droppedCount: Int { condition.withLock { dropped } }
    /// Events lost because a batch write failed.
    package var failedCount: Int { condition.withLock { failed } }
    /// Events written so far.
    package var writtenCount: Int { condition.withLock { written } }

    /// Writes every buffered event now, on the calling thread.
    package func flush() {
        writeLock.lock()
        defer { writeLock.unlock() }
        let batch = condition.withLock { () -> [SearchEvent] in
            let taken = buffer
            buffer.removeAll(keepingCapacity: true)
            return taken
        }
        write(batch)
    }

    /// Stops the background writer after writing everything buffered. Later `record` calls are dropped.
    package func shutdown() {
        let wasRunning = condition.withLock { () -> Bool in
            let running = !stopping
            stopping = true
            condition.signal()
            return running
        }
        if wasRunning { finished.wait() }
        flush()
    }

    private func runWorker() {
        while true {
            condition.lock()
            if buffer.count < batchSize, !stopping {
                _ = condition.wait(until: Date().addingTimeInterval(flushInterval))
            }
            let stop = stopping
            condition.unlock()
            flush()
            if stop { break }
        }
        finished.signal()
    }

    private func write(_ batch: [SearchEvent]) {
        guard !batch.isEmpty else { return }
        do {
            try writer.write(batch)
            condition.withLock { written += batch.count }
        } catch {
            condition.withLock { failed += batch.count }
            logger.error("search analytics batch of \(batch.count) events not written: \(error)")
        }
    }
}
