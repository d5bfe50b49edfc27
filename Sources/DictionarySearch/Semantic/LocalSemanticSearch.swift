import DictEmbedding
package import DictStore
import DictVectors
package import DictionaryCore
import Foundation

/// Builds the semantic components of search from the data directory's model (`SemanticModelChoice`: the one
/// `dict embed --model` recorded, else the only one with vectors, else all-MiniLM-L6-v2) and the vectors stored
/// for it: the query embedder (e5: `query: ` prefix) and a `VectorIndexBackend` over that model's rows of
/// `term_embeddings` only, so one index never mixes models; with multilingual-e5-small also its English companion
/// (`SemanticCompanion`) when the directory holds all-MiniLM-L6-v2 vectors. Fails with the model's own error (which names
/// `bash models/install.sh`) when its files are missing, or with `SemanticModelError` when the choice is ambiguous.
package enum LocalSemanticSearch {
    /// The model and its index for `database`; the model encodes batches on `compute.encoderThreads` threads and
    /// one large vector scan uses up to `compute.threads` (default: every processor this process may run on).
    /// `modelDirectory` is the chosen model's folder (default: its environment variable, then `models/<name>`).
    /// The backend is also returned so a long-running process can register it as an `EntryChangeObserver`.
    package static func load(
        database: StoreDatabase, modelDirectory: String? = nil,
        scan: VectorScan = .fromEnvironment(ProcessInfo.processInfo.environment),
        compute: ComputeConfiguration = ComputeConfiguration(threads: ProcessInfo.processInfo.activeProcessorCount)
    ) throws -> (components: SemanticComponents, backend: VectorIndexBackend, model: SemanticModel) {
        let (recorded, withVectors) = try SemanticModelChoice.stored(in: database)
        let model = try SemanticModelChoice.resolve(recorded: recorded, withVectors: withVectors).model
        // The model's weights and the index are independent reads: load the model on the other core meanwhile, and
        // the English companion's weights beside both indexes (its vectors stored: it is searched, never silently
        // dropped, so missing files fail the load).
        let loading = BackgroundResult { try model.load(modelDirectory: modelDirectory, workers: compute.encoderThreads).queries }
        let companionLoading = model.storedCompanion(withVectors: withVectors).map { english in
            (english, BackgroundResult { try english.load(modelDirectory: nil, workers: compute.encoderThreads).queries })
        }
        let shifts = LanguageShiftSample.shiftsQueries(model)
            ? try SQLiteLanguageShiftStore(database: database).shifts(model: model.rawValue, dimension: model.dimension) : .none
        var backend = try VectorIndexBackend(database: database, model: model.rawValue, dimension: model.dimension, scan: scan,
                                             similarityScale: model.similarityScale, languageShifts: shifts, scanThreads: compute.threads)
        let embedder = try loading.value()
        if embedder.modelName != model.rawValue || embedder.dimension != model.dimension {
            // Model files that disagree with the model's name or size: index what the embedder really produces.
            backend = try VectorIndexBackend(database: database, model: embedder.modelName, dimension: embedder.dimension, scan: scan,
                                             similarityScale: model.similarityScale, scanThreads: compute.threads)
        }
        let companion = try companionLoading.map { english, weights in
            let backend = try VectorIndexBackend(database: database, model: english.rawValue, dimension: english.dimension, scan: scan,
                                                 similarityScale: english.similarityScale, scanThreads: compute.threads)
            return SemanticCompanion(embedder: try weights.value(), backend: backend)
        }
        return (SemanticComponents(embedder: embedder, backend: backend, companion: companion), backend, model)
    }
}
