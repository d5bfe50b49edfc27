import Foundation

/// all-MiniLM-L6-v2 (BERT, 6 layers, 384 dimensions, mean pooling, L2-normalized), tokenized and encoded in
/// process (`BertEncoder`). The default `Embedder` of dict.
///
/// Several cores are used through `workers`, which split a batch into shards of sequences encoded concurrently,
/// each on its own thread with its own scratch; the kernels themselves are single-threaded, so nothing here
/// touches a process-wide setting (OpenBLAS's thread count included). The caller decides `workers`
/// (`ComputeConfiguration` in the CLI and server).
///
/// Thread-safe: the model is immutable and each call borrows working memory from a small pool (or makes its own
/// when all are in use), so concurrent calls never share buffers.
public final class MiniLMEmbedder: Embedder, @unchecked Sendable {
    /// The model's name, stored with its vectors.
    public static let modelName = "all-MiniLM-L6-v2"

    /// The model's name, stored with its vectors.
    public var modelName: String { Self.modelName }
    /// 384.
    public var dimension: Int { encoder.configuration.hiddenSize }
    /// The folder the model was loaded from.
    public let modelDirectory: String
    /// Longest input in tokens including `[CLS]` and `[SEP]` (256); longer texts are truncated.
    public var maxSequenceLength: Int { tokenizer.maxSequenceLength }

    /// Threads that encode shards of one batch concurrently (1: the calling thread does all the work).
    public let workers: Int
    /// The encoder's kernels, for diagnostics: "AVX2+FMA" or "portable C" (CPUs without AVX2).
    public var kernelDescription: String { encoder.kernels == .avx2 ? "AVX2+FMA" : "portable C" }

    package let tokenizer: BertTokenizer
    package let encoder: BertEncoder

    /// Packed tokens per encoder pass: bounds working memory (≈ 14 KB per token) while keeping products large.
    private let tokensPerPass = 4096
    // Unused scratch buffers; guarded by `poolLock` (NSLock rather than Mutex, which needs macOS 15).
    private var scratchPool: [EncoderScratch] = []
    private let poolLock = NSLock()

    /// Loads the model from `modelDirectory` (config files, `vocab.txt`, `model.safetensors`, memory-mapped).
    /// `workers` threads encode shards of each batch concurrently.
    /// - Throws: `ModelError` naming the missing or invalid file and the install command.
    public convenience init(modelDirectory: String, workers: Int = 1) throws {
        try self.init(modelDirectory: modelDirectory, workers: workers, kernels: .best)
    }

    /// Loads the model as `init(modelDirectory:workers:)` with a chosen kernel implementation (tests run both).
    package init(modelDirectory: String, workers: Int = 1, kernels: EncoderKernelSet) throws {
        let configuration = try BertConfiguration(modelDirectory: modelDirectory)
        let weightsPath = modelDirectory + "/model.safetensors"
        guard FileManager.default.fileExists(atPath: weightsPath) else { throw ModelError.missingFile(path: weightsPath) }
        do {
            let file = try SafetensorsFile(path: weightsPath)
            encoder = BertEncoder(configuration: configuration, weights: try BertWeights(file: file, configuration: configuration),
                                  kernels: kernels)
        } catch let error as SafetensorsError {
            throw ModelError.invalidWeights(error)
        }
        tokenizer = try BertTokenizer(vocabularyFile: modelDirectory + "/vocab.txt",
                                      maxSequenceLength: configuration.maxSequenceLength,
                                      expectedCount: configuration.vocabularySize)
        self.modelDirectory = modelDirectory
        self.workers = max(1, workers)
    }

    private init(sharing other: MiniLMEmbedder, workers: Int) {
        tokenizer = other.tokenizer
        encoder = other.encoder
        modelDirectory = other.modelDirectory
        self.workers = max(1, workers)
    }

    /// The same loaded model with another number of batch workers (weights are shared, not reloaded).
    public func withWorkers(_ workers: Int) -> MiniLMEmbedder {
        MiniLMEmbedder(sharing: self, workers: workers)
    }

    /// Loads the model from the folder `locator` finds.
    /// - Throws: `ModelError.modelNotFound` listing the folders tried, or a load error.
    public convenience init(locator: ModelLocator = ModelLocator(), workers: Int = 1) throws {
        try self.init(modelDirectory: try locator.locate(), workers: workers)
    }

    /// Multiply-add FLOPs (2 per multiply-add) of the matrix products encoding one sequence of `length` tokens;
    /// used by the benchmark.
    public func flops(sequenceLength length: Int) -> Double {
        encoder.flops(sequenceLength: length)
    }

    /// The token ids the model reads for `text`: `[CLS]`, word pieces, `[SEP]`, at most 256.
    public func tokenIDs(of text: String) -> [Int32] {
        tokenizer.encode(text)
    }

    /// Number of tokens the model reads for `text`, specials included.
    public func tokenCount(of text: String) -> Int {
        tokenizer.encode(text).count
    }

    /// One L2-normalized 384-vector per text, in order.
    public func embed(_ texts: [String]) throws -> [[Float]] {
        let flat = try embedFlat(texts)
        let width = dimension
        return (0..<texts.count).map { Array(flat[$0 * width..<($0 + 1) * width]) }
    }

    /// The vectors of `texts` back to back (`texts.count × 384`, row-major).
    public func embedFlat(_ texts: [String]) throws -> [Float] {
        try embed(tokenIDs: texts.map(tokenizer.encode))
    }

    /// The vectors of already tokenized sequences (each with `[CLS]`/`[SEP]`, no padding), back to back.
    /// With several `workers` the batch is cut into that many shards of about equal token count, encoded
    /// concurrently; within a shard, sequences go through the encoder in passes of about 4096 packed tokens.
    /// Results do not depend on the grouping.
    /// - Throws: `EncoderError` for an empty or over-long sequence, an id outside the vocabulary, or a non-finite
    ///   result (damaged weights).
    public func embed(tokenIDs sequences: [[Int32]]) throws -> [Float] {
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
