import DictMigrations
import DictStore
import DictionaryService

/// The dictionary database opened for one CLI command, with a search service whose analytics (source `cli`)
/// are flushed by `close()`.
final class StoreDatabaseHandle {
    let database: StoreDatabase
    let analytics: SearchAnalyticsRecorder
    let search: SearchService

    /// Opens (creating and migrating if needed) `dictionary.db` in `dataDirectory`.
    init(dataDirectory: String) throws {
        database = try Service.dictionary.open(dataDirectory: dataDirectory)
        analytics = SearchAnalyticsRecorder(database: database)
        search = SearchService(database: database, analytics: analytics)
    }

    /// Writes pending analytics and stops the writer thread.
    func close() { analytics.shutdown() }
}
