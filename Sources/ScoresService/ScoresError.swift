/// Why a scores operation was refused. Every case names the record involved.
package enum ScoresError: Error, Equatable, CustomStringConvertible {
    /// An input field is empty, too long or malformed.
    case invalidInput(field: String, reason: String)
    /// Another score already has this normalized id (duplicate policy `.refuse`).
    case duplicateScore(normalizedID: String, existingID: String)
    /// No score has this id.
    case scoreNotFound(id: String)
    /// No score version has this id.
    case versionNotFound(id: String)
    /// A processing-status change the state machine does not allow.
    case illegalTransition(versionID: String, from: ProcessingStatus, to: ProcessingStatus)
    /// The score already has a page with this number.
    case duplicatePage(scoreID: String, pageNumber: Int)
    /// No collection has this id.
    case collectionNotFound(id: String)
    /// The owner already has a collection with this slug.
    case slugTaken(userID: String, slug: String)
    /// The score is already a member of the collection.
    case alreadyInCollection(collectionID: String, scoreID: String)
    /// The score is not a member of the collection.
    case notInCollection(collectionID: String, scoreID: String)
    /// A stored value does not match the schema's enums (a row written by something else).
    case corruptRow(table: String, column: String, value: String)

    /// One line naming the record and the reason.
    package var description: String {
        switch self {
        case .invalidInput(let field, let reason): "invalid \(field): \(reason)"
        case .duplicateScore(let normalizedID, let existingID):
            "a score with normalized id \(normalizedID) already exists (\(existingID))"
        case .scoreNotFound(let id): "no score with id \(id)"
        case .versionNotFound(let id): "no score version with id \(id)"
        case .illegalTransition(let versionID, let from, let to):
            "score version \(versionID) cannot go from \(from.rawValue) to \(to.rawValue)"
        case .duplicatePage(let scoreID, let pageNumber): "score \(scoreID) already has page \(pageNumber)"
        case .collectionNotFound(let id): "no collection with id \(id)"
        case .slugTaken(let userID, let slug): "user \(userID) already has a collection with slug \(slug)"
        case .alreadyInCollection(let collectionID, let scoreID): "score \(scoreID) is already in collection \(collectionID)"
        case .notInCollection(let collectionID, let scoreID): "score \(scoreID) is not in collection \(collectionID)"
        case .corruptRow(let table, let column, let value): "unexpected value \(value) in \(table).\(column)"
        }
    }
}
