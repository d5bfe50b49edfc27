/// One transformer layer's parameters as stored. Linear weights are PyTorch's `[out, in]`; `BertEncoder` packs
/// them (query, key and value stacked into one matrix) so each layer's projection is a single product.
package struct BertLayerWeights: Sendable {
    /// Query, key and value projections, each `[hidden, hidden]`.
    package var query: Tensor, key: Tensor, value: Tensor
    /// Their biases concatenated, `[3·hidden]`.
    package var queryKeyValueBias: Tensor
    /// Attention output projection `[hidden, hidden]` and bias.
    package var attentionOutput: Tensor, attentionOutputBias: Tensor
    /// LayerNorm after attention: scale and shift `[hidden]`.
    package var attentionNormScale: Tensor, attentionNormShift: Tensor
    /// Feed-forward expansion `[intermediate, hidden]` and bias.
    package var intermediate: Tensor, intermediateBias: Tensor
    /// Feed-forward contraction `[hidden, intermediate]` and bias.
    package var output: Tensor, outputBias: Tensor
    /// LayerNorm after the feed-forward block.
    package var outputNormScale: Tensor, outputNormShift: Tensor
}

/// All parameters of a BERT encoder, read from a safetensors file with Hugging Face `BertModel` names
/// (`embeddings.*`, `encoder.layer.N.*`; an optional `bert.` prefix is accepted). The pooler is not used.
package struct BertWeights: Sendable {
    /// Word embeddings `[vocabulary, hidden]`.
    package var wordEmbeddings: WordEmbeddingTable
    /// Position embeddings `[maxPositions, hidden]`.
    package var positionEmbeddings: Tensor
    /// Token-type embeddings `[typeVocabulary, hidden]`; every token here is type 0.
    package var tokenTypeEmbeddings: Tensor
    /// LayerNorm after the embedding sum.
    package var embeddingNormScale: Tensor, embeddingNormShift: Tensor
    /// The transformer layers, in order.
    package var layers: [BertLayerWeights]

    /// Parameters already read and checked against a configuration by the caller (the e5 file loader).
    package init(wordEmbeddings: WordEmbeddingTable, positionEmbeddings: Tensor, tokenTypeEmbeddings: Tensor,
                 embeddingNormScale: Tensor, embeddingNormShift: Tensor, layers: [BertLayerWeights]) {
        self.wordEmbeddings = wordEmbeddings
        self.positionEmbeddings = positionEmbeddings
        self.tokenTypeEmbeddings = tokenTypeEmbeddings
        self.embeddingNormScale = embeddingNormScale
        self.embeddingNormShift = embeddingNormShift
        self.layers = layers
    }

    /// Reads every tensor, checking dtype (F32) and shape against `configuration`.
    /// - Throws: `SafetensorsError.missingTensor`, `.wrongDType` or `.wrongShape`.
    package init(file: SafetensorsFile, configuration: BertConfiguration) throws {
        let prefix = file.entries["embeddings.word_embeddings.weight"] == nil
            && file.entries["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        let hidden = configuration.hiddenSize, inner = configuration.intermediateSize
        func tensor(_ name: String, _ shape: [Int]) throws -> Tensor {
            try file.float32Tensor(prefix + name, shape: shape)
        }
        wordEmbeddings = .float32(try tensor("embeddings.word_embeddings.weight", [configuration.vocabularySize, hidden]))
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", [configuration.maxPositions, hidden])
        tokenTypeEmbeddings = try tensor("embeddings.token_type_embeddings.weight", [configuration.typeVocabularySize, hidden])
        embeddingNormScale = try tensor("embeddings.LayerNorm.weight", [hidden])
        embeddingNormShift = try tensor("embeddings.LayerNorm.bias", [hidden])
        layers = try (0..<configuration.layerCount).map { index in
            let name = "encoder.layer.\(index)."
            let queryBias = try tensor(name + "attention.self.query.bias", [hidden])
            let keyBias = try tensor(name + "attention.self.key.bias", [hidden])
            let valueBias = try tensor(name + "attention.self.value.bias", [hidden])
            return BertLayerWeights(
                query: try tensor(name + "attention.self.query.weight", [hidden, hidden]),
                key: try tensor(name + "attention.self.key.weight", [hidden, hidden]),
                value: try tensor(name + "attention.self.value.weight", [hidden, hidden]),
                queryKeyValueBias: Tensor(shape: [3 * hidden], values: queryBias.values + keyBias.values + valueBias.values),
                attentionOutput: try tensor(name + "attention.output.dense.weight", [hidden, hidden]),
                attentionOutputBias: try tensor(name + "attention.output.dense.bias", [hidden]),
                attentionNormScale: try tensor(name + "attention.output.LayerNorm.weight", [hidden]),
                attentionNormShift: try tensor(name + "attention.output.LayerNorm.bias", [hidden]),
                intermediate: try tensor(name + "intermediate.dense.weight", [inner, hidden]),
                intermediateBias: try tensor(name + "intermediate.dense.bias", [inner]),
                output: try tensor(name + "output.dense.weight", [hidden, inner]),
                outputBias: try tensor(name + "output.dense.bias", [hidden]),
                outputNormScale: try tensor(name + "output.LayerNorm.weight", [hidden]),
                outputNormShift: try tensor(name + "output.LayerNorm.bias", [hidden])
            )
        }
    }
}
