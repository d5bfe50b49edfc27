import DictMigrations
import DictStore
import DictionarySearch

/// The dictionary database opened for one CLI command, with a search service whose analytics (source `cli`)
/// are flushed by `close()`. With `semantic`, the local model and the vector index are loaded too; when that is
/// impossible (no model installed) `semanticUnavailable` says why and search runs without them.
final class StoreDatabaseHandle {
    let database: StoreDatabase
    let analytics: SearchAnalyticsRecorder
    let search: SearchService
    /// Why semantic search is off, when it was asked for and could not be loaded.
    let semanticUnavailable: String?

    /// Opens the existing, migrated `dictionary.db` in `dataDirectory` (exit 3, already reported, otherwise).
    init(dataDirectory: String, semantic: Bool = false, modelDirectory: String? = nil) throws {
        database = try ExistingDatabase.open(dataDirectory: dataDirectory)
        analytics = SearchAnalyticsRecorder(database: database)
        var components: SemanticComponents?
        var unavailable: String?
        if semantic {
            do {
                components = try LocalSemanticSearch.load(database: database, modelDirectory: modelDirectory).components
            } catch {
                unavailable = "\(error)"
            }
        }
        semanticUnavailable = unavailable
        search = SearchService(database: database, semantic: components, analytics: analytics)
    }

    /// Writes pending analytics and stops the writer thread.
    func close() { analytics.shutdown() }
}
