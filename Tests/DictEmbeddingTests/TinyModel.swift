@testable import DictEmbedding
import DictTesting
import Foundation

/// A tiny random BERT written to a temporary sentence-transformers folder (config files, vocab.txt,
/// model.safetensors), so the loader and encoder can be tested without the real model. Weights are seeded.
struct TinyModel {
    static let hidden = 8, heads = 2, layers = 2, intermediate = 16, maxPositions = 16, maxSequenceLength = 12
    static let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "b", "c", "music", "##al",
                             "play", "##ing", "the", "piano", ",", ".", "!", "allegro", "##s", "x"]

    let folder: TemporaryDirectory
    /// Every tensor by name (PyTorch layout).
    let tensors: [String: (shape: [Int], values: [Float])]

    var configuration: BertConfiguration {
        BertConfiguration(hiddenSize: Self.hidden, layerCount: Self.layers, headCount: Self.heads,
                          intermediateSize: Self.intermediate, vocabularySize: Self.vocabulary.count,
                          maxPositions: Self.maxPositions, maxSequenceLength: Self.maxSequenceLength)
    }

    init(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var tensors: [String: (shape: [Int], values: [Float])] = [:]
        func random(_ shape: [Int], scale: Float = 0.5, offset: Float = 0) -> (shape: [Int], values: [Float]) {
            (shape, (0..<shape.reduce(1, *)).map { _ in offset + Float.random(in: -scale...scale, using: &generator) })
        }
        let h = Self.hidden, i = Self.intermediate
        tensors["embeddings.word_embeddings.weight"] = random([Self.vocabulary.count, h], scale: 1)
        tensors["embeddings.position_embeddings.weight"] = random([Self.maxPositions, h])
        tensors["embeddings.token_type_embeddings.weight"] = random([2, h])
        tensors["embeddings.LayerNorm.weight"] = random([h], scale: 0.2, offset: 1)
        tensors["embeddings.LayerNorm.bias"] = random([h], scale: 0.2)
        for layer in 0..<Self.layers {
            let p = "encoder.layer.\(layer)."
            for name in ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense"] {
                tensors[p + name + ".weight"] = random([h, h])
                tensors[p + name + ".bias"] = random([h], scale: 0.1)
            }
            tensors[p + "attention.output.LayerNorm.weight"] = random([h], scale: 0.2, offset: 1)
            tensors[p + "attention.output.LayerNorm.bias"] = random([h], scale: 0.2)
            tensors[p + "intermediate.dense.weight"] = random([i, h])
            tensors[p + "intermediate.dense.bias"] = random([i], scale: 0.1)
            tensors[p + "output.dense.weight"] = random([h, i])
            tensors[p + "output.dense.bias"] = random([h], scale: 0.1)
            tensors[p + "output.LayerNorm.weight"] = random([h], scale: 0.2, offset: 1)
            tensors[p + "output.LayerNorm.bias"] = random([h], scale: 0.2)
        }
        self.tensors = tensors

        folder = try TemporaryDirectory()
        var writer = SafetensorsWriter()
        for name in tensors.keys.sorted() { writer.add(name, shape: tensors[name]!.shape, values: tensors[name]!.values) }
        // Real files carry this I64 buffer too; the loader must ignore it.
        writer.add("embeddings.position_ids", dtype: "I64", shape: [1, Self.maxPositions], bytes: Data(count: 8 * Self.maxPositions))
        try folder.write(writer.data(), to: "model.safetensors")
        try folder.write(Data("""
            {"model_type": "bert", "hidden_act": "gelu", "hidden_size": \(h), "num_hidden_layers": \(Self.layers),
             "num_attention_heads": \(Self.heads), "intermediate_size": \(i), "vocab_size": \(Self.vocabulary.count),
             "max_position_embeddings": \(Self.maxPositions), "type_vocab_size": 2, "layer_norm_eps": 1e-12,
             "position_embedding_type": "absolute"}
            """.utf8), to: "config.json")
        try folder.write(Data(#"{"word_embedding_dimension": \#(h), "pooling_mode_mean_tokens": true, "pooling_mode_cls_token": false}"#.utf8),
                         to: "1_Pooling/config.json")
        try folder.write(Data(#"{"max_seq_length": \#(Self.maxSequenceLength), "do_lower_case": false}"#.utf8),
                         to: "sentence_bert_config.json")
        try folder.write(Data((Self.vocabulary.joined(separator: "\n") + "\n").utf8), to: "vocab.txt")
    }

    func tensor(_ name: String) -> [Float] { tensors[name]!.values }
}
