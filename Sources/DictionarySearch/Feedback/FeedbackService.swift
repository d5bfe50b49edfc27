package import DictStore
import DictionaryCore
import Foundation

/// Records user feedback on entries. A rating of 2 or less also queues the entry for enhancement with reason
/// `user_feedback` (priority 8), in the same transaction; an entry already waiting is left as it is (the partial
/// unique index allows one open request per entry).
package struct FeedbackService: Sendable {
    /// Feedback kinds (`user_feedback.feedback_type`).
    package enum FeedbackType: String, Codable, CaseIterable, Sendable {
        case accuracy, clarity, completeness, other
    }

    /// What a user said about an entry; at least one of rating, helpful, text.
    package struct Feedback: Sendable, Hashable {
        package var entryID: String
        package var userID: String?
        /// 1…5.
        package var rating: Int?
        package var helpful: Bool?
        /// At most 1000 characters.
        package var text: String?
        package var type: FeedbackType?

        package init(entryID: String, userID: String? = nil, rating: Int? = nil, helpful: Bool? = nil, text: String? = nil, type: FeedbackType? = nil) {
            self.entryID = entryID; self.userID = userID; self.rating = rating; self.helpful = helpful
            self.text = text; self.type = type
        }
    }

    /// Why feedback was rejected.
    package enum FeedbackError: Error, Equatable, Sendable, CustomStringConvertible {
        case invalidRating(expected: ClosedRange<Int>, found: Int)
        case textTooLong(maximum: Int, found: Int)
        case empty
        case entryNotFound(id: String)

        package var description: String {
            switch self {
            case .invalidRating(let expected, let found): "rating: expected \(expected.lowerBound)…\(expected.upperBound), found \(found)"
            case .textTooLong(let maximum, let found): "feedback_text: expected at most \(maximum) characters, found \(found)"
            case .empty: "feedback needs a rating, helpful or feedback_text"
            case .entryNotFound(let id): "no entry with id \(id)"
            }
        }
    }

    /// Ratings at or below this queue the entry for enhancement.
    package static let enhancementRatingThreshold = 2
    package static let maximumTextLength = 1000

    package let store: any FeedbackStore

    package init(store: any FeedbackStore) { self.store = store }

    /// Feedback stored in the SQLite dictionary database.
    package init(database: StoreDatabase) { self.init(store: SQLiteFeedbackStore(database: database)) }

    /// Validates and stores `feedback`; returns the new feedback id.
    @discardableResult
    package func submit(_ feedback: Feedback) async throws -> String {
        if let rating = feedback.rating, !(1...5).contains(rating) { throw FeedbackError.invalidRating(expected: 1...5, found: rating) }
        let text = feedback.text?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let text, text.count > Self.maximumTextLength { throw FeedbackError.textTooLong(maximum: Self.maximumTextLength, found: text.count) }
        let usableText = (text?.isEmpty ?? true) ? nil : text
        guard feedback.rating != nil || feedback.helpful != nil || usableText != nil else { throw FeedbackError.empty }
        var stored = feedback
        stored.text = usableText
        let id = RandomRowID.make()
        try await store.insert(
            stored, id: id, createdAt: Timestamp.now(),
            queueEnhancement: (feedback.rating ?? Int.max) <= Self.enhancementRatingThreshold)
        return id
    }
}
