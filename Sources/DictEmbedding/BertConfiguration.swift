import Foundation

/// The encoder's hyper-parameters, read from the model folder's `config.json`, `1_Pooling/config.json` and
/// `sentence_bert_config.json`. Only what this implementation supports is accepted: BERT with absolute positions,
/// exact GELU, mean pooling.
package struct BertConfiguration: Sendable, Equatable {
    /// Width of every token vector (384 for MiniLM-L6).
    package var hiddenSize: Int
    /// Number of transformer layers.
    package var layerCount: Int
    /// Attention heads per layer; `hiddenSize` must be a multiple.
    package var headCount: Int
    /// Width of the feed-forward layer.
    package var intermediateSize: Int
    /// Number of word-piece ids.
    package var vocabularySize: Int
    /// Rows of the position embedding table.
    package var maxPositions: Int
    /// Rows of the token-type embedding table.
    package var typeVocabularySize: Int
    /// LayerNorm epsilon.
    package var layerNormEpsilon: Float
    /// Longest input in tokens including `[CLS]` and `[SEP]` (sentence-transformers' `max_seq_length`).
    package var maxSequenceLength: Int

    /// Width of one attention head.
    package var headSize: Int { hiddenSize / headCount }

    /// A configuration from explicit values (used by tests with tiny synthetic models).
    package init(hiddenSize: Int, layerCount: Int, headCount: Int, intermediateSize: Int, vocabularySize: Int,
                 maxPositions: Int, typeVocabularySize: Int = 2, layerNormEpsilon: Float = 1e-12, maxSequenceLength: Int) {
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.intermediateSize = intermediateSize
        self.vocabularySize = vocabularySize
        self.maxPositions = maxPositions
        self.typeVocabularySize = typeVocabularySize
        self.layerNormEpsilon = layerNormEpsilon
        self.maxSequenceLength = maxSequenceLength
    }

    /// Reads and validates the three configuration files of a sentence-transformers folder.
    /// - Throws: `ModelError.missingFile` or `.invalidConfiguration` naming the file and the value.
    package init(modelDirectory: String) throws {
        let config = try Self.readObject(modelDirectory + "/config.json")
        let file = modelDirectory + "/config.json"
        func integer(_ key: String) throws -> Int {
            guard let value = (config[key] as? NSNumber).flatMap({ Int(exactly: $0.doubleValue) }), value > 0 else {
                throw ModelError.invalidConfiguration(file: file, reason: "\(key) must be a positive integer")
            }
            return value
        }
        guard (config["model_type"] as? String) == "bert" else {
            throw ModelError.invalidConfiguration(file: file, reason: "model_type must be \"bert\"")
        }
        guard (config["hidden_act"] as? String) == "gelu" else {
            throw ModelError.invalidConfiguration(file: file, reason: "hidden_act must be \"gelu\" (exact erf GELU)")
        }
        if let positions = config["position_embedding_type"] as? String, positions != "absolute" {
            throw ModelError.invalidConfiguration(file: file, reason: "position_embedding_type \(positions) is unsupported")
        }
        hiddenSize = try integer("hidden_size")
        layerCount = try integer("num_hidden_layers")
        headCount = try integer("num_attention_heads")
        intermediateSize = try integer("intermediate_size")
        vocabularySize = try integer("vocab_size")
        maxPositions = try integer("max_position_embeddings")
        typeVocabularySize = try integer("type_vocab_size")
        guard hiddenSize % headCount == 0 else {
            throw ModelError.invalidConfiguration(file: file, reason: "hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(headCount)")
        }
        guard let epsilon = (config["layer_norm_eps"] as? NSNumber)?.floatValue, epsilon > 0, epsilon.isFinite else {
            throw ModelError.invalidConfiguration(file: file, reason: "layer_norm_eps must be a positive number")
        }
        layerNormEpsilon = epsilon

        let poolingFile = modelDirectory + "/1_Pooling/config.json"
        let pooling = try Self.readObject(poolingFile)
        guard (pooling["pooling_mode_mean_tokens"] as? Bool) == true,
              (pooling["pooling_mode_cls_token"] as? Bool) != true,
              (pooling["pooling_mode_max_tokens"] as? Bool) != true,
              (pooling["pooling_mode_mean_sqrt_len_tokens"] as? Bool) != true else {
            throw ModelError.invalidConfiguration(file: poolingFile, reason: "only mean pooling is supported")
        }
        if let dimension = (pooling["word_embedding_dimension"] as? NSNumber)?.intValue, dimension != hiddenSize {
            throw ModelError.invalidConfiguration(file: poolingFile, reason: "word_embedding_dimension \(dimension) differs from hidden_size \(hiddenSize)")
        }

        let sentenceFile = modelDirectory + "/sentence_bert_config.json"
        let sentence = try Self.readObject(sentenceFile)
        guard let maxLength = (sentence["max_seq_length"] as? NSNumber).flatMap({ Int(exactly: $0.doubleValue) }),
              maxLength >= 2, maxLength <= maxPositions else {
            throw ModelError.invalidConfiguration(file: sentenceFile, reason: "max_seq_length must be an integer in 2...\(maxPositions)")
        }
        maxSequenceLength = maxLength
    }

    private static func readObject(_ path: String) throws -> [String: Any] {
        guard FileManager.default.fileExists(atPath: path) else { throw ModelError.missingFile(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ModelError.invalidConfiguration(file: path, reason: "unreadable (\(error.localizedDescription))")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ModelError.invalidConfiguration(file: path, reason: "not a JSON object")
        }
        return object
    }
}
