/// Errors of the queue engine and the queues built on it; each names the queue and item involved.
package enum QueueError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The worker no longer holds the item's lease (it expired and the item was reclaimed or re-queued).
    case leaseLost(queue: QueueName, itemID: String, owner: String)
    /// No queue item has this id.
    case itemNotFound(queue: QueueName, itemID: String)
    /// No dead letter has this id.
    case deadLetterNotFound(id: String)
    /// A dead letter cannot be re-queued because an equivalent item is already pending or processing.
    case alreadyQueued(queue: QueueName, deadLetterID: String)
    /// A dead letter's payload is not a JSON object with the queue's columns.
    case corruptPayload(deadLetterID: String, reason: String)
    /// A stored column holds something the schema should have prevented.
    case corruptRow(queue: QueueName, itemID: String, column: String, found: String)
    /// The term is empty after normalization.
    case emptyTerm
    /// The term is longer than the queue accepts.
    case termTooLong(length: Int, maximum: Int)
    /// A language code outside the supported set.
    case unsupportedLanguage(code: String, supported: [String])
    /// An item needs at least one language.
    case noLanguages
    /// Priorities are 1 (lowest) to 10 (highest).
    case invalidPriority(Int)
    /// No manual-review item has this id.
    case reviewNotFound(id: String)
    /// A review item was already decided.
    case reviewAlreadyDecided(id: String, status: String)
    /// Review modifications must be a JSON object.
    case invalidModifications(reason: String)
    /// A bulk import broke one of its limits (characters, terms).
    case importLimitExceeded(what: String, limit: Int, found: Int)
    /// A bulk import had no usable term.
    case importEmpty

    package var description: String {
        switch self {
        case .leaseLost(let queue, let id, let owner): "lease lost on \(queue.rawValue) item \(id) (owner \(owner))"
        case .itemNotFound(let queue, let id): "\(queue.rawValue) queue item \(id) not found"
        case .deadLetterNotFound(let id): "dead letter \(id) not found"
        case .alreadyQueued(let queue, let id): "dead letter \(id): an equivalent \(queue.rawValue) item is already pending or processing"
        case .corruptPayload(let id, let reason): "dead letter \(id) has an unusable payload: \(reason)"
        case .corruptRow(let queue, let id, let column, let found): "\(queue.rawValue) item \(id): column \(column) holds \(found)"
        case .emptyTerm: "the term is empty"
        case .termTooLong(let length, let maximum): "the term has \(length) characters; at most \(maximum) are accepted"
        case .unsupportedLanguage(let code, let supported): "unsupported language \(code.debugDescription); expected one of \(supported.joined(separator: ", "))"
        case .noLanguages: "at least one language is required"
        case .invalidPriority(let value): "priority \(value) is outside 1...10"
        case .reviewNotFound(let id): "review item \(id) not found"
        case .reviewAlreadyDecided(let id, let status): "review item \(id) is already \(status)"
        case .invalidModifications(let reason): "review modifications must be a JSON object: \(reason)"
        case .importLimitExceeded(let what, let limit, let found): "import has \(found) \(what); at most \(limit) are allowed"
        case .importEmpty: "no valid terms provided"
        }
    }
}
