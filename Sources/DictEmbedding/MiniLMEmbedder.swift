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
package final class MiniLMEmbedder: Embedder, @unchecked Sendable {
    /// The model's name, stored with its vectors.
    package static let modelName = "all-MiniLM-L6-v2"

    /// The model's name, stored with its vectors.
    package var modelName: String { Self.modelName }
    /// 384.
    package var dimension: Int { encoder.configuration.hiddenSize }
    /// The folder the model was loaded from.
    package let modelDirectory: String
    /// Longest input in tokens including `[CLS]` and `[SEP]` (256); longer texts are truncated.
    package var maxSequenceLength: Int { tokenizer.maxSequenceLength }

    /// Threads that encode shards of one batch concurrently (1: the calling thread does all the work).
    package var workers: Int { runner.workers }
    /// The encoder's kernels, for diagnostics: "AVX2+FMA" or "portable C" (CPUs without AVX2).
    package var kernelDescription: String { encoder.kernels == .avx2 ? "AVX2+FMA" : "portable C" }

    package let tokenizer: BertTokenizer
    /// The encoder.
    package var encoder: BertEncoder { runner.encoder }

    // Shards batches over the workers.
    private let runner: BatchEncoder

    /// Loads the model from `modelDirectory` (config files, `vocab.txt`, `model.safetensors`, memory-mapped).
    /// `workers` threads encode shards of each batch concurrently.
    /// - Throws: `ModelError` naming the missing or invalid file and the install command.
    package convenience init(modelDirectory: String, workers: Int = 1) throws {
        try self.init(modelDirectory: modelDirectory, workers: workers, kernels: .best)
    }

    /// Loads the model as `init(modelDirectory:workers:)` with a chosen kernel implementation (tests run both).
    package init(modelDirectory: String, workers: Int = 1, kernels: EncoderKernelSet) throws {
        let configuration = try BertConfiguration(modelDirectory: modelDirectory)
        let weightsPath = modelDirectory + "/model.safetensors"
        guard FileManager.default.fileExists(atPath: weightsPath) else { throw ModelError.missingFile(path: weightsPath) }
        let encoder: BertEncoder
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
        runner = BatchEncoder(encoder: encoder, workers: workers)
    }

    private init(sharing other: MiniLMEmbedder, workers: Int) {
        tokenizer = other.tokenizer
        modelDirectory = other.modelDirectory
        runner = BatchEncoder(encoder: other.encoder, workers: workers)
    }

    /// The same loaded model with another number of batch workers (weights are shared, not reloaded).
    package func withWorkers(_ workers: Int) -> MiniLMEmbedder {
        MiniLMEmbedder(sharing: self, workers: workers)
    }

    /// Loads the model from the folder `locator` finds.
    /// - Throws: `ModelError.modelNotFound` listing the folders tried, or a load error.
    package convenience init(locator: ModelLocator = ModelLocator(), workers: Int = 1) throws {
        try self.init(modelDirectory: try locator.locate(), workers: workers)
    }

    /// Multiply-add FLOPs (2 per multiply-add) of the matrix products encoding one sequence of `length` tokens;
    /// used by the benchmark.
    package func flops(sequenceLength length: Int) -> Double {
        encoder.flops(sequenceLength: length)
    }

    /// The token ids the model reads for `text`: `[CLS]`, word pieces, `[SEP]`, at most 256.
    package func tokenIDs(of text: String) -> [Int32] {
        tokenizer.encode(text)
    }

    /// Number of tokens the model reads for `text`, specials included.
    package func tokenCount(of text: String) -> Int {
        tokenizer.encode(text).count
    }

    /// One L2-normalized 384-vector per text, in order.
    package func embed(_ texts: [String]) throws -> [[Float]] {
        let flat = try embedFlat(texts)
        let width = dimension
        return (0..<texts.count).map { Array(flat[$0 * width..<($0 + 1) * width]) }
    }

    /// The vectors of `texts` back to back (`texts.count × 384`, row-major).
    package func embedFlat(_ texts: [String]) throws -> [Float] {
        try embed(tokenIDs: texts.map(tokenizer.encode))
    }

    /// The vectors of already tokenized sequences (each with `[CLS]`/`[SEP]`, no padding), back to back.
    /// With several `workers` the batch is cut into that many shards of about equal token count, encoded
    /// concurrently; within a shard, sequences go through the encoder in passes of about 4096 packed tokens.
    /// Results do not depend on the grouping.
    /// - Throws: `EncoderError` for an empty or over-long sequence, an id outside the vocabulary, or a non-finite
    ///   result (damaged weights).
    package func embed(tokenIDs sequences: [[Int32]]) throws -> [Float] {
        try runner.embed(tokenIDs: sequences)
    }
}
