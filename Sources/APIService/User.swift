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
}
