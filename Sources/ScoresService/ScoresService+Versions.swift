import DictStore
import GRDB

extension ScoresService {
    /// Adds a version of a score in `pending` state.
    package func addVersion(scoreID: String, format: ScoreFormat, r2Key: String, fileSize: Int64? = nil) throws -> ScoreVersion {
        let key = try Self.requireText(r2Key, field: "r2_key")
        if let fileSize, fileSize < 0 { throw ScoresError.invalidInput(field: "file_size", reason: "negative") }
        return try database.write { db in
            _ = try fetchScore(id: scoreID, db: db)
            let id = Self.newID()
            let now = Timestamp.now()
            try db.execute(sql: """
                INSERT INTO score_versions (id, score_id, format, r2_key, file_size, processing_status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)
                """, arguments: [id, scoreID, format.rawValue, key, fileSize, now, now])
            return try fetchVersion(id: id, db: db)
        }
    }

    /// Moves a version to `status` if `ProcessingStatus.allowedNext` permits it; `error` is kept for `failed`.
    /// A compare-and-set on the current status, so two workers cannot both claim a pending version.
    package func transitionVersion(id: String, to status: ProcessingStatus, error: String? = nil) throws -> ScoreVersion {
        try database.write { db in
            let current = try fetchVersion(id: id, db: db)
            guard current.processingStatus.allowedNext.contains(status) else {
                throw ScoresError.illegalTransition(versionID: id, from: current.processingStatus, to: status)
            }
            try db.execute(sql: """
                UPDATE score_versions SET processing_status = ?, processing_error = ?, updated_at = ?
                WHERE id = ? AND processing_status = ?
                """, arguments: [status.rawValue, status == .failed ? error : nil, Timestamp.now(), id, current.processingStatus.rawValue])
            return try fetchVersion(id: id, db: db)
        }
    }

    /// The versions of a score, oldest first.
    package func versions(scoreID: String) throws -> [ScoreVersion] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(ScoreVersion.columns) FROM score_versions WHERE score_id = ? ORDER BY created_at, id",
                             arguments: [scoreID]).map(ScoreVersion.init(row:))
        }
    }

    private func fetchVersion(id: String, db: Database) throws -> ScoreVersion {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(ScoreVersion.columns) FROM score_versions WHERE id = ?", arguments: [id]) else {
            throw ScoresError.versionNotFound(id: id)
        }
        return try ScoreVersion(row: row)
    }
}
