import Foundation

/// Runs a `BertEncoder` over a batch of token-id sequences on `workers` threads: the batch is cut into that many
/// shards of about equal token count, encoded concurrently, each shard in passes of about 4096 packed tokens with
/// working memory borrowed from a small pool. Results do not depend on the grouping (the kernels compute each row
/// the same way whatever accompanies it). Shared by every embedder over a BERT encoder.
///
/// Thread-safe: the encoder is immutable and each call borrows its own scratch.
package final class BatchEncoder: @unchecked Sendable {
    /// The encoder.
    package let encoder: BertEncoder
    /// Threads that encode shards of one batch concurrently (1: the calling thread does all the work).
    package let workers: Int

    /// Packed tokens per encoder pass: bounds working memory (≈ 14 KB per token for MiniLM) while keeping products large.
    private let tokensPerPass = 4096
    // Unused scratch buffers; guarded by `poolLock` (NSLock rather than Mutex, which needs macOS 15).
    private var scratchPool: [EncoderScratch] = []
    private let poolLock = NSLock()

    /// A runner over `encoder` with `workers` threads (at least 1).
    package init(encoder: BertEncoder, workers: Int) {
        self.encoder = encoder
        self.workers = max(1, workers)
    }

    /// Width of every vector.
    private var dimension: Int { encoder.configuration.hiddenSize }

    /// The vectors of already tokenized sequences (each with its special tokens, no padding), back to back.
    /// With several `workers` the batch is cut into that many shards of about equal token count, encoded
    /// concurrently; within a shard, sequences go through the encoder in passes of about 4096 packed tokens.
    /// Results do not depend on the grouping.
    /// - Throws: `EncoderError` for an empty or over-long sequence, an id outside the vocabulary, or a non-finite
    ///   result (damaged weights).
    package func embed(tokenIDs sequences: [[Int32]]) throws -> [Float] {
        let width = dimension
        var output = [Float](repeating: 0, count: sequences.count * width)
        guard !sequences.isEmpty else { return output }
        // Validate the whole batch first so errors name the index within `sequences`, not within a pass or shard.
        try encoder.validate(sequences)
        let shards = shardBoundaries(sequences)
        try output.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            if shards.count == 1 {
                try encodeShard(sequences, 0..<sequences.count, into: base)
                return
            }
            // Shards write disjoint rows of `output`; the first error wins.
            let firstError = ErrorBox()
            let address = UInt(bitPattern: base)
            DispatchQueue.concurrentPerform(iterations: shards.count) { shard in
                let rows = UnsafeMutablePointer<Float>(bitPattern: address)!
                do {
                    try encodeShard(sequences, shards[shard], into: rows)
                } catch {
                    firstError.record(error)
                }
            }
            if let error = firstError.error { throw error }
        }
        // Damaged weights (NaN/Inf that still parse) must not reach an index as vectors.
        for index in 0..<sequences.count where !output[index * width..<(index + 1) * width].allSatisfy(\.isFinite) {
            throw EncoderError.nonFiniteVector(index: index)
        }
        return output
    }

    /// Up to `workers` contiguous ranges of sequences with about equal token counts.
    private func shardBoundaries(_ sequences: [[Int32]]) -> [Range<Int>] {
        let shardCount = min(workers, sequences.count)
        guard shardCount > 1 else { return [0..<sequences.count] }
        let total = sequences.reduce(0) { $0 + $1.count }
        var shards: [Range<Int>] = []
        var start = 0, tokens = 0
        for (index, sequence) in sequences.enumerated() {
            tokens += sequence.count
            let remainingShards = shardCount - shards.count - 1
            if remainingShards > 0, tokens * shardCount >= total * (shards.count + 1),
               sequences.count - (index + 1) >= remainingShards {
                shards.append(start..<index + 1)
                start = index + 1
            }
        }
        shards.append(start..<sequences.count)
        return shards
    }

    /// Encodes `sequences[range]` into rows `range` of `output`, in passes of about `tokensPerPass` tokens.
    private func encodeShard(_ sequences: [[Int32]], _ range: Range<Int>, into output: UnsafeMutablePointer<Float>) throws {
        let scratch = borrowScratch()
        defer { returnScratch(scratch) }
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start, tokens = 0
            while end < range.upperBound, end == start || tokens + sequences[end].count <= tokensPerPass {
                tokens += sequences[end].count
                end += 1
            }
            try encoder.encode(Array(sequences[start..<end]), into: output + start * dimension, scratch: scratch)
            start = end
        }
    }

    private func borrowScratch() -> EncoderScratch {
        poolLock.lock()
        defer { poolLock.unlock() }
        return scratchPool.popLast() ?? EncoderScratch()
    }

    private func returnScratch(_ scratch: EncoderScratch) {
        poolLock.lock()
        defer { poolLock.unlock() }
        if scratchPool.count < max(4, workers) { scratchPool.append(scratch) }
    }
}

/// The first error thrown by concurrent shards.
private final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: (any Error)?

    func record(_ error: any Error) {
        lock.lock()
        defer { lock.unlock() }
        if self.error == nil { self.error = error }
    }
}
