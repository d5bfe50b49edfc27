import CEncoderKernels

/// The BERT encoder with mean pooling and L2 normalization (the sentence-transformers pipeline of
/// all-MiniLM-L6-v2), computing with the kernels of `CEncoderKernels` over weights packed at load.
///
/// Sequences of a batch are packed back to back instead of padded to the longest: each linear layer is one
/// matrix product over every token of the batch, and attention runs per sequence and head over that sequence's
/// own tokens only. This is exactly the padding mask's effect (padded keys get zero weight) without spending work
/// on padding. Every kernel computes a row the same way whatever rows accompany it, so a sequence's vector is
/// bit-for-bit the same alone or in any batch, on any number of workers.
package struct BertEncoder: Sendable {
    /// The hyper-parameters.
    package let configuration: BertConfiguration
    /// The parameters as loaded (embeddings, biases and LayerNorm vectors are read from here).
    package let weights: BertWeights
    /// Each layer's matrices, packed.
    package let packedLayers: [PackedLayerWeights]
    /// The kernel implementation used.
    package let kernels: EncoderKernelSet

    /// An encoder over loaded weights (whose shapes `BertWeights` checked against `configuration`), packing the
    /// layers' matrices (about 40 ms for MiniLM). `kernels` must be supported by this CPU.
    package init(configuration: BertConfiguration, weights: BertWeights, kernels: EncoderKernelSet = .best) {
        precondition(kernels.isSupported, "encoder kernels \(kernels) are not supported by this CPU")
        self.configuration = configuration
        self.weights = weights
        self.packedLayers = weights.layers.map(PackedLayerWeights.init)
        self.kernels = kernels
    }

    /// Multiply-add FLOPs (2 per multiply-add) of the matrix products encoding one sequence of `length` tokens.
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
        for (index, (layer, packed)) in zip(weights.layers, packedLayers).enumerated() {
            runLayer(layer, packed, next: index + 1 < packedLayers.count ? packedLayers[index + 1] : nil, sequences: sequences,
                     tokenCount: tokenCount, hidden: hidden, spare: scratch.alternate.pointer, scratch: scratch)
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
        let words = weights.wordEmbeddings, positions = weights.positionEmbeddings.pointer
        let tokenType = weights.tokenTypeEmbeddings.pointer
        var row = hidden
        for sequence in sequences {
            for (position, id) in sequence.enumerated() {
                words.copyRow(Int(id), into: row)
                let place = positions + position * width
                // Same summation order as before the table was abstracted: (word + position) + type.
                for column in 0..<width { row[column] = row[column] + place[column] + tokenType[column] }
                row += width
            }
        }
        let tokens = sequences.reduce(0) { $0 + $1.count }
        dict_layer_norm(kernels.c, hidden, Int32(tokens), Int32(width), weights.embeddingNormScale.pointer,
                        weights.embeddingNormShift.pointer, configuration.layerNormEpsilon)
    }

    /// One transformer layer, in place on `hidden` (`tokens × hidden`); `spare` holds the attention block's output.
    /// `next` is the following layer, whose first weights are prefetched while this one's last product runs.
    private func runLayer(_ layer: BertLayerWeights, _ packed: PackedLayerWeights, next: PackedLayerWeights?, sequences: [[Int32]],
                          tokenCount: Int, hidden: UnsafeMutablePointer<Float>, spare output: UnsafeMutablePointer<Float>,
                          scratch: EncoderScratch) {
        let width = configuration.hiddenSize, inner = configuration.intermediateSize
        let epsilon = configuration.layerNormEpsilon

        // Q, K and V of every token: one product, biases added as it stores.
        let queryKeyValue = scratch.queryKeyValue.pointer
        multiply(hidden, packed.queryKeyValue, rows: tokenCount, into: queryKeyValue, bias: layer.queryKeyValueBias.pointer,
                 following: packed.attentionOutput)

        let context = scratch.context.pointer
        var offset = 0
        for sequence in sequences {
            dict_attention(kernels.c, Int32(sequence.count), Int32(configuration.headCount), Int32(configuration.headSize),
                           queryKeyValue + offset * 3 * width, Int32(3 * width), context + offset * width, Int32(width),
                           scratch.attentionWorkspace.pointer)
            offset += sequence.count
        }

        // Output projection onto residual + bias, then LayerNorm, into the spare buffer.
        EncoderKernels.addRows(hidden, bias: layer.attentionOutputBias.pointer, into: output, rows: tokenCount, width: width)
        multiply(context, packed.attentionOutput, rows: tokenCount, into: output, following: packed.intermediate)
        dict_layer_norm(kernels.c, output, Int32(tokenCount), Int32(width), layer.attentionNormScale.pointer,
                        layer.attentionNormShift.pointer, epsilon)

        // Feed-forward: expand + GELU, contract onto residual + bias back into `hidden` (its input is consumed), LayerNorm.
        let intermediate = scratch.intermediate.pointer
        multiply(output, packed.intermediate, rows: tokenCount, into: intermediate, bias: layer.intermediateBias.pointer,
                 following: packed.output)
        dict_gelu(kernels.c, intermediate, tokenCount * inner)
        EncoderKernels.addRows(output, bias: layer.outputBias.pointer, into: hidden, rows: tokenCount, width: width)
        multiply(intermediate, packed.output, rows: tokenCount, into: hidden, following: next?.queryKeyValue)
        dict_layer_norm(kernels.c, hidden, Int32(tokenCount), Int32(width), layer.outputNormScale.pointer,
                        layer.outputNormShift.pointer, epsilon)
    }

    /// `target += input · matrixᵀ` for `rows` contiguous rows of `matrix.k` inputs, `matrix.n` outputs, or
    /// `target = bias + input · matrixᵀ` when a bias row is given; `following` is the matrix multiplied next (its
    /// start is prefetched when the weights stream).
    private func multiply(_ input: UnsafePointer<Float>, _ matrix: PackedMatrix, rows: Int, into target: UnsafeMutablePointer<Float>,
                          bias: UnsafePointer<Float>? = nil, following: PackedMatrix?) {
        dict_gemm_packed(kernels.c, Int32(rows), Int32(matrix.n), Int32(matrix.k), input, Int32(matrix.k), matrix.pointer,
                         target, Int32(matrix.n), bias == nil, bias, following?.pointer, Int32(following?.n ?? 0),
                         Int32(following?.k ?? 0))
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
