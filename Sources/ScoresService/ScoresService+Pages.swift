import DictStore
import GRDB

extension ScoresService {
    /// MIME types a page image may have.
    package static let pageMimeTypes: Set<String> = ["image/png", "image/jpeg", "image/jpg"]

    /// Adds page `pageNumber` (1-based) of a score; a second page with the same number is refused.
    package func addPage(
        scoreID: String, pageNumber: Int, imageURL: String? = nil, thumbnailURL: String? = nil,
        r2Key: String? = nil, mimeType: String? = nil
    ) throws -> ScorePageImage {
        guard pageNumber >= 1 else { throw ScoresError.invalidInput(field: "page_number", reason: "\(pageNumber) is below 1") }
        if let mimeType, !Self.pageMimeTypes.contains(mimeType) {
            throw ScoresError.invalidInput(field: "mime_type", reason: "\(mimeType) is not one of \(Self.pageMimeTypes.sorted())")
        }
        return try database.write { db in
            _ = try fetchScore(id: scoreID, db: db)
            let id = Self.newID()
            do {
                try db.execute(sql: """
                    INSERT INTO score_pages (id, score_id, page_number, image_url, thumbnail_url, r2_key, mime_type, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, scoreID, pageNumber, imageURL, thumbnailURL, r2Key, mimeType, Timestamp.now()])
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw ScoresError.duplicatePage(scoreID: scoreID, pageNumber: pageNumber)
            }
            let row = try Row.fetchOne(db, sql: "SELECT \(ScorePageImage.columns) FROM score_pages WHERE id = ?", arguments: [id])
            guard let row else { throw ScoresError.scoreNotFound(id: scoreID) }
            return ScorePageImage(row: row)
        }
    }

    /// The pages of a score in page order.
    package func pages(scoreID: String) throws -> [ScorePageImage] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(ScorePageImage.columns) FROM score_pages WHERE score_id = ? ORDER BY page_number",
                             arguments: [scoreID]).map(ScorePageImage.init(row:))
        }
    }
}
