import COpenBLAS
import Foundation

/// all-MiniLM-L6-v2 (BERT, 6 layers, 384 dimensions, mean pooling, L2-normalized), tokenized and encoded in
/// process over OpenBLAS. The default `Embedder` of dict.
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

    package let tokenizer: BertTokenizer
    package let encoder: BertEncoder

    /// Packed tokens per encoder pass: bounds working memory (≈ 14 KB per token) while keeping sgemms large.
    private let tokensPerPass = 4096
    // Unused scratch buffers; guarded by `poolLock` (NSLock rather than Mutex, which needs macOS 15).
    private var scratchPool: [EncoderScratch] = []
    private let poolLock = NSLock()

    /// Loads the model from `modelDirectory` (config files, `vocab.txt`, `model.safetensors`, memory-mapped).
    /// - Throws: `ModelError` naming the missing or invalid file and the install command.
    public init(modelDirectory: String) throws {
        let configuration = try BertConfiguration(modelDirectory: modelDirectory)
        let weightsPath = modelDirectory + "/model.safetensors"
        guard FileManager.default.fileExists(atPath: weightsPath) else { throw ModelError.missingFile(path: weightsPath) }
        do {
            let file = try SafetensorsFile(path: weightsPath)
            encoder = BertEncoder(configuration: configuration, weights: try BertWeights(file: file, configuration: configuration))
        } catch let error as SafetensorsError {
            throw ModelError.invalidWeights(error)
        }
        tokenizer = try BertTokenizer(vocabularyFile: modelDirectory + "/vocab.txt",
                                      maxSequenceLength: configuration.maxSequenceLength,
                                      expectedCount: configuration.vocabularySize)
        self.modelDirectory = modelDirectory
    }

    /// Loads the model from the folder `locator` finds.
    /// - Throws: `ModelError.modelNotFound` listing the folders tried, or a load error.
    public convenience init(locator: ModelLocator = ModelLocator()) throws {
        try self.init(modelDirectory: try locator.locate())
    }

    /// Sets OpenBLAS's thread count for the whole process (it is a global setting of the library).
    public static func setThreadCount(_ threads: Int) {
        openblas_set_num_threads(Int32(max(1, threads)))
    }

    /// sgemm FLOPs (2 per multiply-add) of encoding one sequence of `length` tokens; used by the benchmark.
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
    /// Sequences are encoded in passes of about 4096 packed tokens; results do not depend on the grouping.
    /// - Throws: `EncoderError` for an empty or over-long sequence or an id outside the vocabulary.
    public func embed(tokenIDs sequences: [[Int32]]) throws -> [Float] {
        let width = dimension
        var output = [Float](repeating: 0, count: sequences.count * width)
        guard !sequences.isEmpty else { return output }
        let scratch = borrowScratch()
        defer { returnScratch(scratch) }
        try output.withUnsafeMutableBufferPointer { buffer in
            var start = 0
            while start < sequences.count {
                var end = start, tokens = 0
                while end < sequences.count, end == start || tokens + sequences[end].count <= tokensPerPass {
                    tokens += sequences[end].count
                    end += 1
                }
                try encoder.encode(Array(sequences[start..<end]), into: buffer.baseAddress! + start * width, scratch: scratch)
                start = end
            }
        }
        return output
    }

    private func borrowScratch() -> EncoderScratch {
        poolLock.lock()
        defer { poolLock.unlock() }
        return scratchPool.popLast() ?? EncoderScratch()
    }

    private func returnScratch(_ scratch: EncoderScratch) {
        poolLock.lock()
        defer { poolLock.unlock() }
        if scratchPool.count < 4 { scratchPool.append(scratch) }
    }
}
