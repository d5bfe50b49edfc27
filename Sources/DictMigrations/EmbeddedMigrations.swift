/// The SQL migration files of every service, embedded at build time from `migrations/<service>/`
/// by the EmbedMigrations plugin, so the binary works from any directory.
package enum EmbeddedMigrations {
    /// The files of one service (`dictionary`, `scores`, `api`) in file-name order; empty for an unknown service.
    package static func files(for service: String) -> [(name: String, sql: String)] {
        files[service] ?? []
    }

    /// The service folders that have migrations.
    package static var services: [String] { files.keys.sorted() }
}
