import DictStore

extension ScoresService {
    /// Adds a version of a score in `pending` state.
    package func addVersion(scoreID: String, format: ScoreFormat, r2Key: String, fileSize: Int64? = nil) async throws -> ScoreVersion {
        let key = try Self.requireText(r2Key, field: "r2_key")
        if let fileSize, fileSize < 0 { throw ScoresError.invalidInput(field: "file_size", reason: "negative") }
        return try await store.addVersion(scoreID: scoreID, format: format, r2Key: key, fileSize: fileSize, now: Timestamp.now())
    }

    /// Moves a version to `status` if `ProcessingStatus.allowedNext` permits it; `error` is kept for `failed`.
    /// A compare-and-set on the current status, so two workers cannot both claim a pending version.
    package func transitionVersion(id: String, to status: ProcessingStatus, error: String? = nil) async throws -> ScoreVersion {
        try await store.transitionVersion(id: id, to: status, error: error, now: Timestamp.now())
    }

    /// The versions of a score, oldest first.
    package func versions(scoreID: String) async throws -> [ScoreVersion] {
        try await store.versions(scoreID: scoreID)
    }
}
