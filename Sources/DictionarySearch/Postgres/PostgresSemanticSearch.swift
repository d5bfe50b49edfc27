import DictEmbedding
package import DictPostgres
import DictVectors
package import DictionaryCore
package import Foundation
import PostgresNIO

/// Semantic search's components over PostgreSQL's `dictionary` schema, chosen as `LocalSemanticSearch` chooses
/// them (`SemanticModelChoice`: the recorded model, else the only one with vectors, else the default): the query
/// embedder and a `VectorIndexBackend` over a `PostgresVectorSnapshot` of that model's vectors (read in one
/// `REPEATABLE READ` transaction; its vectors are freed once the index holds them), and the `PostgresVectorFollower`
/// that keeps the index current from the snapshot's change position (a server runs it; a one-shot command need not);
/// with multilingual-e5-small also its English companion (`SemanticCompanion`), with its own snapshot and follower,
/// when the schema holds its vectors.
package enum PostgresSemanticSearch {
    package static func load(
        session: PostgresSession, modelDirectory: String? = nil,
        scan: VectorScan = .fromEnvironment(ProcessInfo.processInfo.environment),
        compute: ComputeConfiguration = ComputeConfiguration(threads: ProcessInfo.processInfo.activeProcessorCount)
    ) async throws -> (components: SemanticComponents, backend: VectorIndexBackend, model: SemanticModel, followers: [PostgresVectorFollower]) {
        let stored = PostgresEmbeddingStore(session: session)
        let withVectors = try await stored.modelsWithVectors()
        let model = try SemanticModelChoice.resolve(recorded: try await stored.recordedModel(), withVectors: withVectors).model
        // The model's weights load on another thread while the vectors arrive.
        let loading = BackgroundResult { try model.load(modelDirectory: modelDirectory, workers: compute.encoderThreads).queries }
        let embedder = try await withCheckedThrowingContinuation { continuation in
            // Waiting on the background load must not hold one of the concurrency pool's threads.
            Thread.detachNewThread { continuation.resume(with: Result { try loading.value() }) }
        } as any Embedder
        let shifts = LanguageShiftSample.shiftsQueries(model) && embedder.modelName == model.rawValue
            ? try await PostgresLanguageShiftStore(session: session).shifts(model: model.rawValue, dimension: embedder.dimension) : .none
        let snapshot = try await PostgresVectorSnapshot.load(session: session, model: embedder.modelName, dimension: embedder.dimension)
        let backend = try VectorIndexBackend(
            source: snapshot, changes: nil, model: embedder.modelName, dimension: embedder.dimension, scan: scan,
            similarityScale: model.similarityScale, languageShifts: shifts, scanThreads: compute.threads)
        snapshot.releaseVectors()
        var followers = [PostgresVectorFollower(session: session, backend: backend, dimension: embedder.dimension, position: snapshot.changePosition)]
        var companion: SemanticCompanion?
        if let english = model.englishCompanion, withVectors.contains(english.rawValue) {
            // As on SQLite (`LocalSemanticSearch.loadCompanion`): vectors stored, so searched, and followed too.
            let companionEmbedder = try english.load(modelDirectory: nil, workers: compute.encoderThreads).queries
            let companionSnapshot = try await PostgresVectorSnapshot.load(session: session, model: english.rawValue, dimension: english.dimension)
            let companionBackend = try VectorIndexBackend(
                source: companionSnapshot, changes: nil, model: english.rawValue, dimension: english.dimension, scan: scan,
                similarityScale: english.similarityScale, scanThreads: compute.threads)
            companionSnapshot.releaseVectors()
            followers.append(PostgresVectorFollower(session: session, backend: companionBackend, dimension: english.dimension,
                                                    position: companionSnapshot.changePosition))
            companion = SemanticCompanion(embedder: companionEmbedder, backend: companionBackend)
        }
        return (SemanticComponents(embedder: embedder, backend: backend, companion: companion), backend, model, followers)
    }
}
