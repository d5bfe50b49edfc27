import DictPostgres
import PostgresNIO

extension TestEngineDatabase {
    /// The first column of every row of `sql` on `session`, as text.
    static func texts(_ sql: String, on session: PostgresSession) async throws -> [String] {
        try await session.execute(sql).map { try $0.decode(String.self) }
    }
}
