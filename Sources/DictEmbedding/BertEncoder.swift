import COpenBLAS

/// The BERT encoder with mean pooling and L2 normalization (the sentence-transformers pipeline of
/// all-MiniLM-L6-v2), computing with OpenBLAS.
///
/// Sequences of a batch are packed back to back instead of padded to the longest: each linear layer is one
/// `cblas_sgemm` over every token of the batch, and attention runs per sequence and head (two sgemms each) over
/// that sequence's own tokens only. This is exactly the padding mask's effect (padded keys get zero weight) without
/// spending work on padding, and it makes a sequence's vector independent of what it is batched with.
package struct BertEncoder: Sendable {
    /// The hyper-parameters.
    package let configuration: BertConfiguration
    /// The parameters.
    package let weights: BertWeights

    /// An encoder over loaded weights (whose shapes `BertWeights` checked against `configuration`).
    package init(configuration: BertConfiguration, weights: BertWeights) {
        self.configuration = configuration
        self.weights = weights
    }

    /// Multiply-add FLOPs (2 per multiply-add) of the sgemms encoding one sequence of `length` tokens.
    package func flops(sequenceLength length: Int) -> Double {
        let hidden = Double(configuration.hiddenSize), inner = Double(configuration.intermediateSize)
        let tokens = Double(length)
        let linear = 2 * tokens * hidden * (3 * hidden + hidden + 2 * inner)
        let attention = 2 * 2 * tokens * tokens * hidden
        return Double(configuration.layerCount) * (linear + attention)
    }

    /// Encodes `sequences` (token ids with `[CLS]`/`[SEP]`, no padding) into `output`, one L2-normalized
    /// `hiddenSize` vector per sequence, row-major. O(layers · tokens · hidden · (hidden + intermediate)) plus
    /// O(layers · Σ length² · hidden) for attention.
    /// - Throws: `EncoderError` for an empty sequence, one longer than the position table, or an unknown id.
    package func encode(_ sequences: [[Int32]], into output: UnsafeMutablePointer<Float>, scratch: EncoderScratch) throws {
        try validate(sequences)
        let tokenCount = sequences.reduce(0) { $0 + $1.count }
        let longest = sequences.reduce(0) { max($0, $1.count) }
        guard tokenCount > 0 else { return }
        scratch.reserve(tokens: tokenCount, longest: longest, configuration: configuration)

        let hidden = scratch.hidden.pointer
        embed(sequences, into: hidden)
        for layer in weights.layers {
            runLayer(layer, sequences: sequences, tokenCount: tokenCount, hidden: hidden, spare: scratch.alternate.pointer, scratch: scratch)
        }
        pool(sequences, hidden: hidden, into: output)
    }

    /// Checks that every sequence is non-empty, fits the position table and uses only known ids. O(tokens).
    /// - Throws: `EncoderError` with the index of the first offending sequence within `sequences`.
    package func validate(_ sequences: [[Int32]]) throws {
        for (index, sequence) in sequences.enumerated() {
            guard !sequence.isEmpty else { throw EncoderError.emptySequence(index: index) }
            guard sequence.count <= configuration.maxPositions else {
                throw EncoderError.sequenceTooLong(index: index, length: sequence.count, maximum: configuration.maxPositions)
            }
            for (position, id) in sequence.enumerated() where id < 0 || Int(id) >= configuration.vocabularySize {
                throw EncoderError.tokenIDOutOfRange(index: index, position: position, id: id,
                                                     vocabularySize: configuration.vocabularySize)
            }
        }
    }

    /// Word + position + token-type (0) embeddings, then LayerNorm.
    private func embed(_ sequences: [[Int32]], into hidden: UnsafeMutablePointer<Float>) {
        let width = configuration.hiddenSize
        let words = weights.wordEmbeddings.pointer, positions = weights.positionEmbeddings.pointer
        let tokenType = weights.tokenTypeEmbeddings.pointer
        var row = hidden
        for sequence in sequences {
            for (position, id) in sequence.enumerated() {
                let word = words + Int(id) * width, place = positions + position * width
                for column in 0..<width { row[column] = word[column] + place[column] + tokenType[column] }
                row += width
            }
        }
        let tokens = sequences.reduce(0) { $0 + $1.count }
        EncoderKernels.layerNorm(hidden, rows: tokens, width: width, scale: weights.embeddingNormScale.pointer,
                                 shift: weights.embeddingNormShift.pointer, epsilon: configuration.layerNormEpsilon)
    }

    /// One transformer layer, in place on `hidden` (`tokens × hidden`); `spare` holds the attention block's output.
    private func runLayer(_ layer: BertLayerWeights, sequences: [[Int32]], tokenCount: Int,
                          hidden: UnsafeMutablePointer<Float>, spare output: UnsafeMutablePointer<Float>, scratch: EncoderScratch) {
        let width = configuration.hiddenSize, inner = configuration.intermediateSize
        let tokens = Int32(tokenCount)
        let epsilon = configuration.layerNormEpsilon

        // Q, K and V of every token: one sgemm onto the broadcast biases.
        let queryKeyValue = scratch.queryKeyValue.pointer
        EncoderKernels.broadcastRows(layer.queryKeyValueBias.pointer, into: queryKeyValue, rows: tokenCount, width: 3 * width)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, tokens, Int32(3 * width), Int32(width),
                    1, hidden, Int32(width), layer.queryKeyValue.pointer, Int32(width), 1, queryKeyValue, Int32(3 * width))

        attention(sequences: sequences, queryKeyValue: queryKeyValue, context: scratch.context.pointer, scores: scratch.scores.pointer)

        // Output projection onto residual + bias, then LayerNorm, into the spare buffer.
        EncoderKernels.addRows(hidden, bias: layer.attentionOutputBias.pointer, into: output, rows: tokenCount, width: width)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, tokens, Int32(width), Int32(width),
                    1, scratch.context.pointer, Int32(width), layer.attentionOutput.pointer, Int32(width), 1, output, Int32(width))
        EncoderKernels.layerNorm(output, rows: tokenCount, width: width, scale: layer.attentionNormScale.pointer,
                                 shift: layer.attentionNormShift.pointer, epsilon: epsilon)

        // Feed-forward: expand + GELU, contract onto residual + bias back into `hidden` (its input is consumed), LayerNorm.
        let intermediate = scratch.intermediate.pointer
        EncoderKernels.broadcastRows(layer.intermediateBias.pointer, into: intermediate, rows: tokenCount, width: inner)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, tokens, Int32(inner), Int32(width),
                    1, output, Int32(width), layer.intermediate.pointer, Int32(width), 1, intermediate, Int32(inner))
        EncoderKernels.gelu(intermediate, count: tokenCount * inner)
        EncoderKernels.addRows(output, bias: layer.outputBias.pointer, into: hidden, rows: tokenCount, width: width)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, tokens, Int32(width), Int32(inner),
                    1, intermediate, Int32(inner), layer.output.pointer, Int32(inner), 1, hidden, Int32(width))
        EncoderKernels.layerNorm(hidden, rows: tokenCount, width: width, scale: layer.outputNormScale.pointer,
                                 shift: layer.outputNormShift.pointer, epsilon: epsilon)
    }

    /// Scaled dot-product attention per sequence and head: `softmax(Q·Kᵀ/√d)·V` into `context`.
    private func attention(sequences: [[Int32]], queryKeyValue: UnsafeMutablePointer<Float>,
                           context: UnsafeMutablePointer<Float>, scores: UnsafeMutablePointer<Float>) {
        let width = configuration.hiddenSize, headSize = configuration.headSize
        let stride = Int32(3 * width)
        let scale = 1 / Float(headSize).squareRoot()
        var offset = 0
        for sequence in sequences {
            let length = sequence.count, length32 = Int32(length)
            for head in 0..<configuration.headCount {
                let query = queryKeyValue + offset * 3 * width + head * headSize
                let key = query + width, value = query + 2 * width
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, length32, length32, Int32(headSize),
                            scale, query, stride, key, stride, 0, scores, length32)
                EncoderKernels.softmaxRows(scores, rows: length, width: length)
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, length32, Int32(headSize), length32,
                            1, scores, length32, value, stride, 0, context + offset * width + head * headSize, Int32(width))
            }
            offset += length
        }
    }

    /// Mean over each sequence's tokens, then L2 normalization (norm floored at 1e-12 as PyTorch's `normalize`).
    private func pool(_ sequences: [[Int32]], hidden: UnsafeMutablePointer<Float>, into output: UnsafeMutablePointer<Float>) {
        let width = configuration.hiddenSize
        var row = UnsafePointer(hidden)
        for (index, sequence) in sequences.enumerated() {
            let target = output + index * width
            target.update(repeating: 0, count: width)
            for _ in 0..<sequence.count {
                for column in 0..<width { target[column] += row[column] }
                row += width
            }
            let inverseCount = 1 / Float(sequence.count)
            var squares: Float = 0
            for column in 0..<width {
                target[column] *= inverseCount
                squares += target[column] * target[column]
            }
            let inverseNorm = 1 / max(squares.squareRoot(), 1e-12)
            for column in 0..<width { target[column] *= inverseNorm }
        }
    }
}
