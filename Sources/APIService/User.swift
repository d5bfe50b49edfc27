import GRDB

/// How a user signs in.
package enum AuthProvider: String, Codable, Sendable, CaseIterable {
    case magicLink = "magic_link", google
}

/// A user's role.
package enum UserRole: String, Codable, Sendable, CaseIterable {
    case user, teacher, admin
}

/// One row of `users`.
package struct User: Codable, Sendable, Equatable, Identifiable {
    package var id: String
    /// Lowercased at creation; unique case-insensitively.
    package var email: String
    package var displayName: String?
    package var authProvider: AuthProvider
    package var googleID: String?
    package var role: UserRole
    package var loginCount: Int
    package var lastLoginAt: String?
    package var createdAt: String
    package var updatedAt: String

    static let columns = "id, email, display_name, auth_provider, google_id, role, login_count, last_login_at, created_at, updated_at"

    init(row: Row) throws {
        id = row["id"]
        email = row["email"]
        displayName = row["display_name"]
        authProvider = try row.apiEnum(AuthProvider.self, "auth_provider", table: "users")
        googleID = row["google_id"]
        role = try row.apiEnum(UserRole.self, "role", table: "users")
        loginCount = row["login_count"]
        lastLoginAt = row["last_login_at"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
    }
}
