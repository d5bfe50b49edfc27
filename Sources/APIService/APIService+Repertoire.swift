import DictStore
import Foundation

extension APIService {
    /// Adds a score to the user's repertoire or updates the existing item (unique per user and score).
    /// Nil fields keep their stored values on update.
    package func upsertRepertoire(
        userID: String, scoreID: String, status: RepertoireStatus = .planned, difficultyRating: Int? = nil,
        personalNotes: String? = nil, referenceLinks: [String]? = nil
    ) async throws -> RepertoireItem {
        let scoreID = try Self.requireText(scoreID, field: "score_id")
        if let difficultyRating, !(1...5).contains(difficultyRating) {
            throw APIError.invalidInput(field: "difficulty_rating", reason: "\(difficultyRating) is outside 1...5")
        }
        let notes = try Self.optionalText(personalNotes, field: "personal_notes", maximumLength: 10_000)
        let links = try referenceLinks.map { links in
            try JSONValue.array(links.map { .string(try Self.requireText($0, field: "reference_link", maximumLength: 2_000)) }).apiCanonicalText()
        }
        return try await store.upsertRepertoire(
            newID: Self.newID(), userID: userID, scoreID: scoreID, status: status, difficultyRating: difficultyRating,
            personalNotes: notes, referenceLinks: links, now: Timestamp.now())
    }

    /// Changes the status of an existing repertoire item.
    package func setRepertoireStatus(userID: String, scoreID: String, status: RepertoireStatus) async throws -> RepertoireItem {
        guard let item = try await store.setRepertoireStatus(userID: userID, scoreID: scoreID, status: status, now: Timestamp.now()) else {
            throw APIError.repertoireNotFound(userID: userID, scoreID: scoreID)
        }
        return item
    }

    /// Removes a score from the user's repertoire.
    package func removeRepertoire(userID: String, scoreID: String) async throws {
        guard try await store.removeRepertoire(userID: userID, scoreID: scoreID) else {
            throw APIError.repertoireNotFound(userID: userID, scoreID: scoreID)
        }
    }

    /// The user's repertoire, optionally of one status, most recently changed first.
    package func repertoire(userID: String, status: RepertoireStatus? = nil) async throws -> [RepertoireItem] {
        try await store.repertoire(userID: userID, status: status)
    }
}
