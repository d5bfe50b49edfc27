import GRDB

/// One file of a score in one format, with its rendering state.
package struct ScoreVersion: Codable, Sendable, Equatable, Identifiable {
    package var id: String
    package var scoreID: String
    package var format: ScoreFormat
    package var r2Key: String
    package var fileSize: Int64?
    package var processingStatus: ProcessingStatus
    package var processingError: String?
    package var createdAt: String
    package var updatedAt: String?

    static let columns = "id, score_id, format, r2_key, file_size, processing_status, processing_error, created_at, updated_at"

    init(row: Row) throws {
        id = row["id"]
        scoreID = row["score_id"]
        format = try row.scoresEnum(ScoreFormat.self, "format", table: "score_versions")
        r2Key = row["r2_key"]
        fileSize = row["file_size"]
        processingStatus = try row.scoresEnum(ProcessingStatus.self, "processing_status", table: "score_versions")
        processingError = row["processing_error"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
    }
}
