/// Why a batch of token ids cannot be encoded. Tokenizer output never triggers these; they guard the
/// token-id entry point against hostile input.
package enum EncoderError: Error, Equatable, CustomStringConvertible {
    /// A sequence is empty (a tokenized text always holds at least `[CLS]` and `[SEP]`).
    case emptySequence(index: Int)
    /// A sequence is longer than the position table allows.
    case sequenceTooLong(index: Int, length: Int, maximum: Int)
    /// A token id lies outside the vocabulary.
    case tokenIDOutOfRange(index: Int, position: Int, id: Int32, vocabularySize: Int)
    /// The vector of a sequence holds NaN or infinity: the weights are damaged (reinstall the model).
    case nonFiniteVector(index: Int)

    package var description: String {
        switch self {
        case let .emptySequence(index):
            "sequence \(index) is empty"
        case let .sequenceTooLong(index, length, maximum):
            "sequence \(index) has \(length) tokens, at most \(maximum) are allowed"
        case let .tokenIDOutOfRange(index, position, id, vocabularySize):
            "sequence \(index), position \(position): token id \(id) is outside 0..<\(vocabularySize)"
        case let .nonFiniteVector(index):
            "sequence \(index) produced a non-finite vector: the model weights are damaged; reinstall with `\(ModelError.installCommand)`"
        }
    }
}
