import DictEmbedding
import DictStore
import Foundation

/// Builds the semantic components of search from the local model and the vectors stored for it: the model from
/// `ModelLocator` (explicit folder, `DICT_MODEL_DIR`, `./models/all-MiniLM-L6-v2`, or beside the executable) and
/// a `VectorIndexBackend` over `term_embeddings`. Fails with the model's own error (which names
/// `bash models/install.sh`) when the model is missing.
public enum LocalSemanticSearch {
    /// The model and its index for `database`; the model encodes batches on `compute.encoderThreads` threads.
    /// The backend is also returned so a long-running process can register it as an `EntryChangeObserver`.
    public static func load(
        database: StoreDatabase, modelDirectory: String? = nil,
        scan: VectorScan = .fromEnvironment(ProcessInfo.processInfo.environment),
        compute: ComputeConfiguration = ComputeConfiguration(threads: 1)
    ) throws -> (components: SemanticComponents, backend: VectorIndexBackend) {
        let embedder = try MiniLMEmbedder(locator: ModelLocator(explicitPath: modelDirectory), workers: compute.encoderThreads)
        let backend = try VectorIndexBackend(database: database, model: embedder.modelName, dimension: embedder.dimension, scan: scan)
        return (SemanticComponents(embedder: embedder, backend: backend), backend)
    }
}
