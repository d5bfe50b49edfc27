/// One migration file's state in a database.
package struct MigrationStatus: Sendable, Equatable {
    package enum State: String, Sendable { case applied, pending }

    package let name: String
    package let checksum: String
    package let state: State
    /// ISO-8601 UTC time it was applied, for applied files.
    package let appliedAt: String?

    package init(name: String, checksum: String, state: State, appliedAt: String?) {
        self.name = name
        self.checksum = checksum
        self.state = state
        self.appliedAt = appliedAt
    }
}
