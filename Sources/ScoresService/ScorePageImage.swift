/// One page image of a score.
package struct ScorePageImage: Codable, Sendable, Equatable, Identifiable {
    package var id: String
    package var scoreID: String
    package var pageNumber: Int
    package var imageURL: String?
    package var thumbnailURL: String?
    package var r2Key: String?
    package var mimeType: String?
}
