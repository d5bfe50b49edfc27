import GRDB

/// One page image of a score.
public struct ScorePageImage: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var scoreID: String
    public var pageNumber: Int
    public var imageURL: String?
    public var thumbnailURL: String?
    public var r2Key: String?
    public var mimeType: String?

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
