import DictMigrations
import DictPostgres
import DictionarySearch

/// `dict search|lookup --database`: a search service over PostgreSQL's `dictionary` schema for the length of `body`
/// (the term-key modes; no analytics recorded yet).
enum PostgresSearch {
    static func with<T: Sendable>(_ location: PostgresLocation, _ body: (SearchService) async throws -> T) async throws -> T {
        try await Service.dictionary.withPostgres(location) { session in
            try await body(SearchService(store: PostgresSearchStore(session: session)))
        }
    }
}
