import DictStore
import Foundation

extension APIService {
    /// Creates a user. The e-mail is trimmed and lowercased and must be unique case-insensitively; Google users
    /// need a `googleID`, which must be unique too.
    package func createUser(
        email: String, displayName: String? = nil, provider: AuthProvider = .magicLink, googleID: String? = nil,
        role: UserRole = .user
    ) async throws -> User {
        let email = try Self.normalizedEmail(email)
        let displayName = try Self.optionalText(displayName, field: "display_name")
        let googleID = try Self.optionalText(googleID, field: "google_id")
        if provider == .google && googleID == nil {
            throw APIError.invalidInput(field: "google_id", reason: "required for the google provider")
        }
        let now = Timestamp.now()
        return try await store.insertUser(User(
            id: Self.newID(), email: email, displayName: displayName, authProvider: provider, googleID: googleID, role: role,
            loginCount: 0, lastLoginAt: nil, createdAt: now, updatedAt: now))
    }

    /// The user with this id.
    package func user(id: String) async throws -> User {
        guard let user = try await store.user(id: id) else { throw APIError.userNotFound(id: id) }
        return user
    }

    /// The user with this e-mail (any case), if any.
    package func user(email: String) async throws -> User? {
        try await store.user(email: try Self.normalizedEmail(email))
    }

    /// Counts a login and stamps its time.
    package func recordLogin(userID: String) async throws -> User {
        guard let user = try await store.recordLogin(userID: userID, now: Timestamp.now()) else { throw APIError.userNotFound(id: userID) }
        return user
    }

    /// Trimmed, lowercased (full Unicode case folding, not only ASCII), one `@` with text on both sides, no spaces.
    static func normalizedEmail(_ email: String) throws -> String {
        let value = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard value.count <= 320, parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              !value.contains(where: { $0.isWhitespace }) else {
            throw APIError.invalidInput(field: "email", reason: "not an e-mail address")
        }
        return value
    }
}
