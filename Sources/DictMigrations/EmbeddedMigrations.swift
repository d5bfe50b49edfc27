/// The SQL migration files of every service, embedded at build time from `migrations/<service>/`
/// by the EmbedMigrations plugin, so the binary works from any directory.
public enum EmbeddedMigrations {
    /// The files of one service (`dictionary`, `scores`, `api`) in file-name order; empty for an unknown service.
    public static func files(for service: String) -> [(name: String, sql: String)] {
        files[service] ?? []
    }

    /// The service folders that have migrations.
    public static var services: [String] { files.keys.sorted() }
}
