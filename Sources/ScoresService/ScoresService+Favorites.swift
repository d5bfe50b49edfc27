import DictStore

extension ScoresService {
    /// Marks a score as a user's favourite; returns false when it already was.
    @discardableResult
    package func addFavorite(userID: String, scoreID: String) async throws -> Bool {
        let userID = try Self.requireText(userID, field: "user_id")
        return try await store.addFavorite(userID: userID, scoreID: scoreID, now: Timestamp.now())
    }

    /// Removes a favourite; returns false when it was not one.
    @discardableResult
    package func removeFavorite(userID: String, scoreID: String) async throws -> Bool {
        try await store.removeFavorite(userID: userID, scoreID: scoreID)
    }

    /// Which of `scoreIDs` the user has marked (batch check, one query).
    package func favoriteIDs(userID: String, among scoreIDs: [String]) async throws -> Set<String> {
        guard !scoreIDs.isEmpty else { return [] }
        return Set(try await store.favoriteScoreIDs(userID: userID)).intersection(scoreIDs)
    }

    /// The user's favourite scores, most recently added first.
    package func favorites(userID: String) async throws -> [Score] {
        try await store.favorites(userID: userID)
    }
}
