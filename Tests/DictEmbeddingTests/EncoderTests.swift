@testable import DictEmbedding
import DictTesting
import Foundation
import Testing

/// The encoder against a naive padded-and-masked reference on tiny random weights (hidden size 8: partial panels,
/// 4-wide heads), plus batching and errors, with every kernel set this CPU runs.
struct EncoderTests {
    private static let seed: UInt64 = 0x5EED_0004
    static let sets = EncoderKernelSet.allCases.filter(\.isSupported)

    private func loadTiny(_ kernels: EncoderKernelSet = .best) throws -> (TinyModel, BertEncoder) {
        print("EncoderTests seed: \(Self.seed)")
        let model = try TinyModel(seed: Self.seed)
        let file = try SafetensorsFile(path: model.folder.path + "/model.safetensors")
        let configuration = try BertConfiguration(modelDirectory: model.folder.path)
        #expect(configuration == model.configuration)
        return (model, BertEncoder(configuration: configuration, weights: try BertWeights(file: file, configuration: configuration),
                                   kernels: kernels))
    }

    private func run(_ encoder: BertEncoder, _ batch: [[Int32]]) throws -> [[Float]] {
        var output = [Float](repeating: .nan, count: batch.count * encoder.configuration.hiddenSize)
        try output.withUnsafeMutableBufferPointer { try encoder.encode(batch, into: $0.baseAddress!, scratch: EncoderScratch()) }
        let width = encoder.configuration.hiddenSize
        return (0..<batch.count).map { Array(output[$0 * width..<($0 + 1) * width]) }
    }

    @Test(arguments: sets) func matchesNaiveReferenceOnMixedLengthBatch(_ kernels: EncoderKernelSet) throws {
        let (model, encoder) = try loadTiny(kernels)
        let batch: [[Int32]] = [[2, 5, 6, 3], [2, 8, 9, 10, 11, 12, 13, 14, 3], [2, 3], [2, 0, 4, 1, 19, 3]]
        let expected = NaiveBertReference(model: model).encode(batch)
        let actual = try run(encoder, batch)
        for (index, (want, got)) in zip(expected, actual).enumerated() {
            let difference = zip(want, got).map { abs($0 - $1) }.max()!
            #expect(difference < 1e-5, "sequence \(index): max difference \(difference)")
            let norm = got.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-5)
        }
    }

    /// Bit for bit: every kernel computes a row the same way whatever rows accompany it.
    @Test(arguments: sets) func batchedVectorsEqualOneByOne(_ kernels: EncoderKernelSet) throws {
        let (model, encoder) = try loadTiny(kernels)
        var generator = SeededGenerator(seed: Self.seed + 1)
        let batch: [[Int32]] = (0..<9).map { _ in
            [2] + (0..<Int.random(in: 0...10, using: &generator)).map { _ in Int32.random(in: 0..<20, using: &generator) } + [3]
        }
        let together = try run(encoder, batch)
        for (index, sequence) in batch.enumerated() {
            let alone = try run(encoder, [sequence])[0]
            #expect(alone == together[index], "sequence \(index) differs when batched")
        }
    }

    @Test func hostileTokenIDsAreNamedErrors() throws {
        let (model, encoder) = try loadTiny()
        #expect(throws: EncoderError.emptySequence(index: 1)) { try run(encoder, [[2, 3], []]) }
        #expect(throws: EncoderError.tokenIDOutOfRange(index: 0, position: 1, id: 20, vocabularySize: 20)) { try run(encoder, [[2, 20, 3]]) }
        #expect(throws: EncoderError.tokenIDOutOfRange(index: 0, position: 0, id: -1, vocabularySize: 20)) { try run(encoder, [[-1]]) }
        #expect(throws: EncoderError.sequenceTooLong(index: 0, length: 17, maximum: 16)) {
            try run(encoder, [Array(repeating: 5, count: 17)])
        }
        #expect(try run(encoder, []).isEmpty)
    }

    @Test func embedderLoadsTinyModelFolderEndToEnd() throws {
        let model = try TinyModel(seed: Self.seed)
        let embedder = try MiniLMEmbedder(modelDirectory: model.folder.path)
        #expect(embedder.dimension == TinyModel.hidden)
        #expect(embedder.tokenIDs(of: "Playing the piano, allegros!") == [2, 10, 11, 12, 13, 14, 17, 18, 16, 3])
        // Truncation at max_seq_length (12) including [CLS] and [SEP].
        #expect(embedder.tokenIDs(of: String(repeating: "a ", count: 30)).count == TinyModel.maxSequenceLength)
        let vectors = try embedder.embed(["a b c", "musical", ""])
        let reference = NaiveBertReference(model: model).encode(["a b c", "musical", ""].map(embedder.tokenIDs(of:)))
        for (got, want) in zip(vectors, reference) {
            #expect(zip(got, want).allSatisfy { abs($0 - $1) < 1e-5 })
        }
        #expect(try embedder.embedFlat(["a b c", "musical"]) == vectors[0] + vectors[1])
    }

    @Test func workerShardsGiveTheSameVectorsAsOneThread() throws {
        let model = try TinyModel(seed: Self.seed)
        let single = try MiniLMEmbedder(modelDirectory: model.folder.path)
        let texts = ["a b c", "musical", "", "playing the piano", "x x x x x x x x", "allegros!", "c"]
        let expected = try single.embedFlat(texts)
        for workers in [2, 3, 16] {
            let sharded = single.withWorkers(workers)
            #expect(sharded.workers == workers)
            let got = try sharded.embedFlat(texts)
            #expect(got == expected, "\(workers) workers")
        }
        #expect(throws: EncoderError.tokenIDOutOfRange(index: 3, position: 0, id: 99, vocabularySize: 20)) {
            try single.withWorkers(2).embed(tokenIDs: [[2, 3], [2, 3], [2, 3], [99]])
        }
    }
}
