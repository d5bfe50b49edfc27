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
        // The models' weights load on other threads while the vectors arrive (the English companion's too: as on
        // SQLite, its stored vectors are searched, so its files must be present).
        let loading = BackgroundResult { try model.load(modelDirectory: modelDirectory, workers: compute.encoderThreads).queries }
        let companionLoading = model.storedCompanion(withVectors: withVectors).map { english in
            (english, BackgroundResult { try english.load(modelDirectory: nil, workers: compute.encoderThreads).queries })
        }
        let embedder = try await offPool(loading)
        let shifts = LanguageShiftSample.shiftsQueries(model) && embedder.modelName == model.rawValue
            ? try await PostgresLanguageShiftStore(session: session).shifts(model: model.rawValue, dimension: embedder.dimension) : .none
        let (backend, follower) = try await followedIndex(
            session: session, model: embedder.modelName, dimension: embedder.dimension, scan: scan,
            similarityScale: model.similarityScale, languageShifts: shifts, compute: compute)
        var followers = [follower]
        var companion: SemanticCompanion?
        if let (english, weights) = companionLoading {
            let (companionBackend, companionFollower) = try await followedIndex(
                session: session, model: english.rawValue, dimension: english.dimension, scan: scan,
                similarityScale: english.similarityScale, languageShifts: .none, compute: compute)
            followers.append(companionFollower)
            companion = SemanticCompanion(embedder: try await offPool(weights), backend: companionBackend)
        }
        return (SemanticComponents(embedder: embedder, backend: backend, companion: companion), backend, model, followers)
    }

    /// An index of `model`'s vectors from a snapshot (its vectors freed once the index holds them) and the follower
    /// that keeps it current from the snapshot's change position.
    private static func followedIndex(
        session: PostgresSession, model: String, dimension: Int, scan: VectorScan, similarityScale: SimilarityScale,
        languageShifts: QueryLanguageShifts, compute: ComputeConfiguration
    ) async throws -> (VectorIndexBackend, PostgresVectorFollower) {
        let snapshot = try await PostgresVectorSnapshot.load(session: session, model: model, dimension: dimension)
        let backend = try VectorIndexBackend(
            source: snapshot, changes: nil, model: model, dimension: dimension, scan: scan,
            similarityScale: similarityScale, languageShifts: languageShifts, scanThreads: compute.threads)
        snapshot.releaseVectors()
        return (backend, PostgresVectorFollower(session: session, backend: backend, dimension: dimension, position: snapshot.changePosition))
    }

    /// The loaded weights, waited for on a thread of its own: waiting must not hold one of the concurrency pool's threads.
    private static func offPool(_ loading: BackgroundResult<any Embedder>) async throws -> any Embedder {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try loading.value() }) }
        }
    }
}
