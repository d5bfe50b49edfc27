import GRDB

/// One page image of a score.
package struct ScorePageImage: Codable, Sendable, Equatable, Identifiable {
    package var id: String
    package var scoreID: String
    package var pageNumber: Int
    package var imageURL: String?
    package var thumbnailURL: String?
    package var r2Key: String?
    package var mimeType: String?

    static let columns = "id, score_id, page_number, image_url, thumbnail_url, r2_key, mime_type"

    init(row: Row) {
        id = row["id"]
        scoreID = row["score_id"]
        pageNumber = row["page_number"]
        imageURL = row["image_url"]
        thumbnailURL = row["thumbnail_url"]
        r2Key = row["r2_key"]
        mimeType = row["mime_type"]
    }
}
