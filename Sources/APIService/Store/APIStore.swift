/// The API database's statements, one conformer per engine (`SQLiteAPIStore`, `PostgresAPIStore`). `APIService`
/// keeps the rules (validation, canonical JSON and checksums, tokens) and hands over checked values; the sync
/// writes plan their rows with the shared `SyncPlan` and `PushRequest` rules, so an engine contributes only SQL.
///
/// Every method is one transaction (reads that take several statements: one snapshot). Timestamps are the
/// service's text (`Timestamp`), JSON the canonical text; both engines answer with equal values.
package protocol APIStore: Sendable {
    // MARK: Users

    /// Inserts `user` and returns it as stored; `APIError.emailTaken` when the e-mail exists in any case,
    /// `APIError.googleIDTaken` when the Google id does (also when a concurrent insert wins the race).
    func insertUser(_ user: User) async throws -> User
    /// The user with this id, nil when absent.
    func user(id: String) async throws -> User?
    /// The user whose e-mail equals `email` ignoring case.
    func user(email: String) async throws -> User?
    /// Adds one to the login count and stamps `now` as the last login; nil when the user is absent.
    func recordLogin(userID: String, now: String) async throws -> User?

    // MARK: Repertoire

    /// Inserts an item with `newID` (links default `[]`), or on the same user and score updates its status and the
    /// non-nil fields (keeping its id and creation time); `referenceLinks` is canonical JSON text.
    /// `APIError.userNotFound` without the user.
    func upsertRepertoire(
        newID: String, userID: String, scoreID: String, status: RepertoireStatus, difficultyRating: Int?, personalNotes: String?,
        referenceLinks: String?, now: String
    ) async throws -> RepertoireItem
    /// Sets an item's status; nil when the user has no item for the score.
    func setRepertoireStatus(userID: String, scoreID: String, status: RepertoireStatus, now: String) async throws -> RepertoireItem?
    /// Deletes an item; false when there was none.
    func removeRepertoire(userID: String, scoreID: String) async throws -> Bool
    /// The user's items, of one status when given; most recently changed first, then by id.
    func repertoire(userID: String, status: RepertoireStatus?) async throws -> [RepertoireItem]

    // MARK: Annotations

    /// Inserts the annotation with `data`, the canonical text of its JSON; `APIError.userNotFound` without the user.
    func insertAnnotation(_ annotation: ScoreAnnotation, data: String) async throws -> ScoreAnnotation
    /// Replaces an annotation's data (canonical text); nil when the user has no annotation with this id.
    func updateAnnotation(userID: String, id: String, data: String, now: String) async throws -> ScoreAnnotation?
    /// Deletes an annotation; false when there was none.
    func deleteAnnotation(userID: String, id: String) async throws -> Bool
    /// The user's annotations on a score (one page when given), by page, creation time, then id.
    func annotations(userID: String, scoreID: String, pageNumber: Int?) async throws -> [ScoreAnnotation]

    // MARK: Sync

    /// Runs a push under the user's sync lock, so concurrent pushes of one user take change numbers one after the
    /// other: `APIError.userNotFound` without the user; with a key, `request.replay(of:)` decides about a stored
    /// response (replayed as is, or deleted when expired); otherwise the rows of the named entities and the last
    /// change number are read, `SyncPlan` plans the writes, and the rows, the sequence, a `sync_events` row, the
    /// `sync_metadata` row and (with a key) the response are written, all in one transaction.
    func push(_ request: PushRequest) async throws -> PushResult
    /// Under the user's sync lock: the live goal (`APIError.goalNotFound` without it) advanced by
    /// `APIService.advancedGoal`, a `goal_progress` row inserted, and the new goal written through `SyncPlan`.
    func recordGoalProgress(_ progress: GoalProgress, deviceID: String?) async throws -> GoalProgress
    /// In one snapshot: up to `limit` + 1 records with `seq` above `since`, by `seq`, and the last change number
    /// handed out; `APIError.userNotFound` without the user.
    func changes(userID: String, since: Int64, limit: Int) async throws -> (records: [SyncRecord], lastSeq: Int64)
    /// The user's live entities (of one type when given), by `seq`.
    func entities(userID: String, type: SyncEntityType?) async throws -> [SyncRecord]
    /// One live entity, nil when absent or deleted.
    func entity(userID: String, type: SyncEntityType, id: String) async throws -> SyncRecord?
    /// The user's `sync_metadata` (zeros and nils without a row) and live entity count; `APIError.userNotFound`
    /// without the user.
    func syncStatus(userID: String) async throws -> SyncStatus
    /// Deletes the idempotency keys expiring at or before `now`; returns how many.
    func purgeIdempotencyKeys(expiringBy now: String) async throws -> Int
    /// A goal's progress by `recorded_at`, then `seq` (the written order).
    func goalProgress(userID: String, goalID: String) async throws -> [GoalProgress]
}
