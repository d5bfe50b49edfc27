import Foundation
import PostgresNIO

/// The scores records read from PostgreSQL rows, and the column lists that select them (jsonb columns as text,
/// parsed the way SQLite's JSON text is).
enum PostgresScoresRow {
    static let scoreColumns = """
        id, title, composer, opus, instrument, difficulty, difficulty_level, style_period, source, slug, tags::text,
        visibility, user_id, normalized_id, created_at, updated_at
        """
    /// `scoreColumns` on alias `s`.
    static let scoreColumnsOfS = scoreColumns.split(separator: ",").map { "s." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
    static let collectionColumns = "id, user_id, name, slug, description, visibility, collection_type, score_ids::text, created_at, updated_at"
    static let versionColumns = "id, score_id, format, r2_key, file_size, processing_status, processing_error, created_at, updated_at"
    static let pageColumns = "id, score_id, page_number, image_url, thumbnail_url, r2_key, mime_type"

    static func score(_ row: PostgresRow) throws -> Score {
        let cells = PostgresRandomAccessRow(row)
        func text(_ i: Int) throws -> String { try cells[i].decode(String.self) }
        func optional(_ i: Int) throws -> String? { try cells[i].decode(String?.self) }
        return Score(
            id: try text(0), title: try text(1), composer: try optional(2), opus: try optional(3),
            instrument: try ScoresColumn.enumValue(try text(4), Instrument.self, column: "instrument", table: "scores"),
            difficulty: try ScoresColumn.optionalEnum(try optional(5), Difficulty.self, column: "difficulty", table: "scores"),
            difficultyLevel: try cells[6].decode(Int?.self),
            stylePeriod: try ScoresColumn.optionalEnum(try optional(7), StylePeriod.self, column: "style_period", table: "scores"),
            source: try ScoresColumn.enumValue(try text(8), ScoreSource.self, column: "source", table: "scores"),
            slug: try optional(9), tags: try ScoresColumn.strings(try text(10), column: "tags", table: "scores"),
            visibility: try ScoresColumn.enumValue(try text(11), ScoreVisibility.self, column: "visibility", table: "scores"),
            userID: try optional(12), normalizedID: try optional(13), createdAt: try text(14), updatedAt: try text(15))
    }

    static func collection(_ row: PostgresRow) throws -> ScoreCollection {
        let (id, userID, name, slug, description, visibility, kind, scoreIDs, created, updated) =
            try row.decode((String, String, String, String, String?, String, String, String, String, String).self)
        return ScoreCollection(
            id: id, userID: userID, name: name, slug: slug, description: description,
            visibility: try ScoresColumn.enumValue(visibility, CollectionVisibility.self, column: "visibility", table: "user_collections"),
            kind: try ScoresColumn.enumValue(kind, ScoreCollection.Kind.self, column: "collection_type", table: "user_collections"),
            scoreIDs: try ScoresColumn.strings(scoreIDs, column: "score_ids", table: "user_collections"), createdAt: created, updatedAt: updated)
    }

    static func version(_ row: PostgresRow) throws -> ScoreVersion {
        let (id, scoreID, format, key, size, status, error, created, updated) =
            try row.decode((String, String, String, String, Int64?, String, String?, String, String?).self)
        return ScoreVersion(
            id: id, scoreID: scoreID, format: try ScoresColumn.enumValue(format, ScoreFormat.self, column: "format", table: "score_versions"),
            r2Key: key, fileSize: size,
            processingStatus: try ScoresColumn.enumValue(status, ProcessingStatus.self, column: "processing_status", table: "score_versions"),
            processingError: error, createdAt: created, updatedAt: updated)
    }

    static func page(_ row: PostgresRow) throws -> ScorePageImage {
        let (id, scoreID, number, image, thumbnail, key, mime) = try row.decode((String, String, Int, String?, String?, String?, String?).self)
        return ScorePageImage(id: id, scoreID: scoreID, pageNumber: number, imageURL: image, thumbnailURL: thumbnail, r2Key: key, mimeType: mime)
    }
}
