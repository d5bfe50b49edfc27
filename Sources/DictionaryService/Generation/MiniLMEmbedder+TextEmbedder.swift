import DictEmbedding

/// The local model serves search (`QueryEmbedder`) and the embedding queue (`TextEmbedder`) as it is:
/// its `Embedder` requirements (model name, dimension, `embed`, `tokenCount`) are exactly theirs.
extension MiniLMEmbedder: TextEmbedder {}
