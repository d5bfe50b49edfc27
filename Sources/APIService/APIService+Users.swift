import DictStore
import Foundation
import GRDB

extension APIService {
    /// Creates a user. The e-mail is trimmed and lowercased and must be unique case-insensitively; Google users
    /// need a `googleID`, which must be unique too.
    package func createUser(
        email: String, displayName: String? = nil, provider: AuthProvider = .magicLink, googleID: String? = nil,
        role: UserRole = .user
    ) throws -> User {
        let email = try Self.normalizedEmail(email)
        let displayName = try Self.optionalText(displayName, field: "display_name")
        let googleID = try Self.optionalText(googleID, field: "google_id")
        if provider == .google && googleID == nil {
            throw APIError.invalidInput(field: "google_id", reason: "required for the google provider")
        }
        return try database.write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE email = ? COLLATE NOCASE)",
                                 arguments: [email]) == true {
                throw APIError.emailTaken(email: email)
            }
            if let googleID, try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE google_id = ?)", arguments: [googleID]) == true {
                throw APIError.googleIDTaken(googleID: googleID)
            }
            let id = Self.newID()
            let now = Timestamp.now()
            try db.execute(sql: """
                INSERT INTO users (id, email, display_name, auth_provider, google_id, role, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, email, displayName, provider.rawValue, googleID, role.rawValue, now, now])
            return try fetchUser(id: id, db: db)
        }
    }

    /// The user with this id.
    package func user(id: String) throws -> User {
        try database.read { db in try fetchUser(id: id, db: db) }
    }

    /// The user with this e-mail (any case), if any.
    package func user(email: String) throws -> User? {
        let email = try Self.normalizedEmail(email)
        return try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(User.columns) FROM users WHERE email = ? COLLATE NOCASE", arguments: [email]).map(User.init(row:))
        }
    }

    /// Counts a login and stamps its time.
    package func recordLogin(userID: String) throws -> User {
        try database.write { db in
            let now = Timestamp.now()
            try db.execute(sql: "UPDATE users SET login_count = login_count + 1, last_login_at = ?, updated_at = ? WHERE id = ?",
                           arguments: [now, now, userID])
            guard db.changesCount == 1 else { throw APIError.userNotFound(id: userID) }
            return try fetchUser(id: userID, db: db)
        }
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

    func fetchUser(id: String, db: Database) throws -> User {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(User.columns) FROM users WHERE id = ?", arguments: [id]) else {
            throw APIError.userNotFound(id: id)
        }
        return try User(row: row)
    }
}
