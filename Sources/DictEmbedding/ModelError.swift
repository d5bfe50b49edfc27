/// Why the embedding model could not be found or loaded. Every message ends by naming the install command,
/// because the fix for a missing or damaged model folder is always to (re)install it.
package enum ModelError: Error, CustomStringConvertible {
    /// No candidate folder holds the model; `searched` lists the folders tried, in order.
    case modelNotFound(searched: [String])
    /// A file the model needs is absent from its folder.
    case missingFile(path: String)
    /// A configuration file is unreadable, not JSON, or has a missing or unsupported value.
    case invalidConfiguration(file: String, reason: String)
    /// The vocabulary file is unreadable or does not match the configuration.
    case invalidVocabulary(file: String, reason: String)
    /// The weights file is malformed or does not match the configuration.
    case invalidWeights(SafetensorsError)

    /// The command that installs or repairs the model folder.
    package static let installCommand = "bash models/install.sh"

    package var description: String {
        let problem = switch self {
        case let .modelNotFound(searched):
            "embedding model \(MiniLMEmbedder.modelName) not found (looked in: \(searched.joined(separator: ", ")))"
        case let .missingFile(path):
            "embedding model file missing: \(path)"
        case let .invalidConfiguration(file, reason):
            "embedding model configuration \(file) is invalid: \(reason)"
        case let .invalidVocabulary(file, reason):
            "embedding model vocabulary \(file) is invalid: \(reason)"
        case let .invalidWeights(error):
            "embedding model weights are invalid: \(error)"
        }
        return "\(problem); install or repair it with `\(Self.installCommand)` (or set DICT_MODEL_DIR / --model-dir)"
    }
}
