/// The scores database's statements, one conformer per engine (`SQLiteScoresStore`, `PostgresScoresStore`).
/// `ScoresService` validates and hands over checked values; the rules that need stored data mid-transaction (the
/// normalized id, the merge of a duplicate, the next slug, the version graph) are `ScoresService`'s static
/// functions, which both stores call. Every method is one transaction; timestamps are the service's text.
package protocol ScoresStore: Sendable {
    // MARK: Scores

    /// Inserts `input` (already validated: trimmed texts and tags) under its normalized id, with its analytics row;
    /// a score with the same normalized id is refused or merged per `policy` (`ScoresService.merged`).
    func addScore(_ input: NewScore, onDuplicate policy: DuplicatePolicy, now: String) async throws -> ScoreAddOutcome
    /// The score with this id, nil when absent.
    func score(id: String) async throws -> Score?
    /// Deletes a score (its versions, pages, analytics and memberships cascade) and rewrites the `score_ids` of the
    /// collections it was in; false when there was none.
    func deleteScore(id: String, now: String) async throws -> Bool
    /// Sets `normalized_id` where it is missing and not taken, oldest first; returns how many rows were filled.
    func backfillNormalizedIDs() async throws -> Int
    /// In one snapshot: the composer aliases (alias → canonical) and every score by creation time, then id.
    func dedupeInputs() async throws -> (aliases: [String: String], scores: [Score])

    // MARK: Versions and pages

    /// Adds a `pending` version; `ScoresError.scoreNotFound` without the score.
    func addVersion(scoreID: String, format: ScoreFormat, r2Key: String, fileSize: Int64?, now: String) async throws -> ScoreVersion
    /// Moves a version to `status` when `ProcessingStatus.allowedNext` permits it (`error` kept for `failed`),
    /// a compare-and-set under the version's lock.
    func transitionVersion(id: String, to status: ProcessingStatus, error: String?, now: String) async throws -> ScoreVersion
    /// The versions of a score by creation time, then id.
    func versions(scoreID: String) async throws -> [ScoreVersion]
    /// Adds a page; `ScoresError.scoreNotFound`, or `.duplicatePage` for a taken page number.
    func addPage(_ page: ScorePageImage, now: String) async throws -> ScorePageImage
    /// The pages of a score by page number.
    func pages(scoreID: String) async throws -> [ScorePageImage]

    // MARK: Collections

    /// Inserts a collection with no members; `ScoresError.slugTaken` when the user has the slug.
    func insertCollection(_ collection: ScoreCollection, ownerType: String) async throws -> ScoreCollection
    /// The collection with this id, nil when absent.
    func collection(id: String) async throws -> ScoreCollection?
    /// A user's collections by name, then id.
    func collections(userID: String) async throws -> [ScoreCollection]
    /// Appends a member after the last one and rewrites the JSON array; not-found and `.alreadyInCollection` errors.
    func addToCollection(collectionID: String, scoreID: String, now: String) async throws -> ScoreCollection
    /// Removes a member and rewrites the JSON array; not-found and `.notInCollection` errors.
    func removeFromCollection(collectionID: String, scoreID: String, now: String) async throws -> ScoreCollection
    /// Changes the visibility and logs who did, unless it is already `visibility`.
    func setVisibility(collectionID: String, to visibility: CollectionVisibility, changedBy: String, now: String) async throws -> ScoreCollection
    /// Every collection's JSON `score_ids` beside its members in display order, by collection id.
    func memberships() async throws -> [MembershipMismatch]
    /// Rewrites every JSON `score_ids` that differs from its members; returns how many changed.
    func repairMembership(now: String) async throws -> Int

    // MARK: Favorites and analytics

    /// Adds a favourite; false when it was one already; `ScoresError.scoreNotFound` without the score.
    func addFavorite(userID: String, scoreID: String, now: String) async throws -> Bool
    /// Removes a favourite; false when it was not one.
    func removeFavorite(userID: String, scoreID: String) async throws -> Bool
    /// The ids of the user's favourite scores.
    func favoriteScoreIDs(userID: String) async throws -> [String]
    /// The user's favourite scores, most recently added first.
    func favorites(userID: String) async throws -> [Score]
    /// Adds one to a counter in one atomic upsert; `ScoresError.scoreNotFound` without the score.
    func increment(_ counter: ScoreCounter, scoreID: String, now: String) async throws
    /// A score's counters (zeros without a row); `ScoresError.scoreNotFound` without the score.
    func analytics(scoreID: String) async throws -> ScoreAnalytics
    /// The most viewed public scores, most views first, then title and id.
    func popular(limit: Int) async throws -> [Score]

    // MARK: Search

    /// Scores matching every filter of `query` (its composer canonicalized through the aliases), visible to its
    /// viewer, by title then id: up to `limit` from `offset`.
    func search(_ query: ScoreQuery, limit: Int, offset: Int) async throws -> [Score]
    /// The engine's plan of `search(query)`, one line per step, to check which index it uses.
    func searchPlan(_ query: ScoreQuery) async throws -> [String]
}
