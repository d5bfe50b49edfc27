/// The SQL migration files of every service, embedded at build time from `migrations/<service>/` (SQLite) and
/// `migrations/postgres/<service>/` (PostgreSQL)
/// by the EmbedMigrations plugin, so the binary works from any directory.
package enum EmbeddedMigrations {
    /// The files of one folder (`dictionary`, `scores`, `api`, `postgres/dictionary`, …) in file-name order; empty for an unknown service.
    package static func files(for service: String) -> [(name: String, sql: String)] {
        files[service] ?? []
    }

    /// The folders that have migrations.
    package static var services: [String] { files.keys.sorted() }
}
