/// One migration file's state in a database.
public struct MigrationStatus: Sendable, Equatable {
    public enum State: String, Sendable { case applied, pending }

    public let name: String
    public let checksum: String
    public let state: State
    /// ISO-8601 UTC time it was applied, for applied files.
    public let appliedAt: String?
}
