import DictStore

extension ScoresService {
    /// MIME types a page image may have.
    package static let pageMimeTypes: Set<String> = ["image/png", "image/jpeg", "image/jpg"]

    /// Adds page `pageNumber` (1-based) of a score; a second page with the same number is refused.
    package func addPage(
        scoreID: String, pageNumber: Int, imageURL: String? = nil, thumbnailURL: String? = nil,
        r2Key: String? = nil, mimeType: String? = nil
    ) async throws -> ScorePageImage {
        guard pageNumber >= 1 else { throw ScoresError.invalidInput(field: "page_number", reason: "\(pageNumber) is below 1") }
        if let mimeType, !Self.pageMimeTypes.contains(mimeType) {
            throw ScoresError.invalidInput(field: "mime_type", reason: "\(mimeType) is not one of \(Self.pageMimeTypes.sorted())")
        }
        return try await store.addPage(
            ScorePageImage(id: Self.newID(), scoreID: scoreID, pageNumber: pageNumber, imageURL: imageURL, thumbnailURL: thumbnailURL,
                           r2Key: r2Key, mimeType: mimeType),
            now: Timestamp.now())
    }

    /// The pages of a score in page order.
    package func pages(scoreID: String) async throws -> [ScorePageImage] {
        try await store.pages(scoreID: scoreID)
    }
}
