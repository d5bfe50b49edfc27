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
}
