/// Why an API-database operation was refused. Every case names the record involved.
package enum APIError: Error, Equatable, CustomStringConvertible {
    /// An input field is empty, too long or malformed.
    case invalidInput(field: String, reason: String)
    /// JSON that cannot be stored: non-finite numbers, too deep, too large, or not the expected shape.
    case invalidJSON(reason: String)
    /// Another user already has this e-mail address (compared case-insensitively).
    case emailTaken(email: String)
    /// Another user already has this Google id.
    case googleIDTaken(googleID: String)
    /// No user has this id.
    case userNotFound(id: String)
    /// The idempotency key was already used for a different request.
    case idempotencyConflict(key: String, userID: String)
    /// A sync token that is not one this service issued.
    case invalidSyncToken(token: String)
    /// No live goal with this id for the user.
    case goalNotFound(userID: String, goalID: String)
    /// No repertoire item for this user and score.
    case repertoireNotFound(userID: String, scoreID: String)
    /// No annotation with this id for the user.
    case annotationNotFound(userID: String, id: String)
    /// A stored value does not match the schema (a row written by something else).
    case corruptRow(table: String, column: String, value: String)

    /// One line naming the record and the reason.
    package var description: String {
        switch self {
        case .invalidInput(let field, let reason): "invalid \(field): \(reason)"
        case .invalidJSON(let reason): "invalid JSON: \(reason)"
        case .emailTaken(let email): "a user with e-mail \(email) already exists"
        case .googleIDTaken(let googleID): "a user with Google id \(googleID) already exists"
        case .userNotFound(let id): "no user with id \(id)"
        case .idempotencyConflict(let key, let userID):
            "idempotency key \(key) of user \(userID) was already used for a different request"
        case .invalidSyncToken(let token): "invalid sync token \(token.prefix(40))"
        case .goalNotFound(let userID, let goalID): "user \(userID) has no goal \(goalID)"
        case .repertoireNotFound(let userID, let scoreID): "user \(userID) has no repertoire item for score \(scoreID)"
        case .annotationNotFound(let userID, let id): "user \(userID) has no annotation \(id)"
        case .corruptRow(let table, let column, let value): "unexpected value \(value) in \(table).\(column)"
        }
    }
}
