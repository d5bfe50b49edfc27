import DictMigrations
import DictPostgres
import DictionarySearch

/// `dict search|lookup|eval|bench search --database`: a search service over PostgreSQL's `dictionary` schema for the
/// length of `body` (no analytics recorded yet). With `semantic`, the schema's semantic model and a snapshot of its
/// vectors are loaded too (`PostgresSemanticSearch`); when that fails, `body` gets the reason and search runs without
/// them, as on SQLite.
enum PostgresSearch {
    static func with<T: Sendable>(
        _ location: PostgresLocation, semantic: Bool = false, modelDirectory: String? = nil,
        _ body: (SearchService, _ semanticUnavailable: String?) async throws -> T
    ) async throws -> T {
        try await Service.dictionary.withPostgres(location) { session in
            var components: SemanticComponents?
            var unavailable: String?
            if semantic {
                do {
                    components = try await PostgresSemanticSearch.load(session: session, modelDirectory: modelDirectory).components
                } catch {
                    unavailable = "\(error)"
                }
            }
            return try await body(SearchService(store: PostgresSearchStore(session: session), semantic: components), unavailable)
        }
    }

    /// The term-key and lexical modes only.
    static func with<T: Sendable>(_ location: PostgresLocation, _ body: (SearchService) async throws -> T) async throws -> T {
        try await with(location) { service, _ in try await body(service) }
    }
}
