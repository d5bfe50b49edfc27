import Foundation
import GRDB

/// The scores records read from SQLite rows, and the column lists that select them.
enum SQLiteScoresRow {
    static let scoreColumns = """
        id, title, composer, opus, instrument, difficulty, difficulty_level, style_period, source, slug, tags,
        visibility, user_id, normalized_id, created_at, updated_at
        """
    /// `scoreColumns` on alias `s`.
    static let scoreColumnsOfS = scoreColumns.split(separator: ",").map { "s." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
    static let collectionColumns = "id, user_id, name, slug, description, visibility, collection_type, score_ids, created_at, updated_at"
    static let versionColumns = "id, score_id, format, r2_key, file_size, processing_status, processing_error, created_at, updated_at"
    static let pageColumns = "id, score_id, page_number, image_url, thumbnail_url, r2_key, mime_type"

    static func score(_ row: Row) throws -> Score {
        Score(
            id: row["id"], title: row["title"], composer: row["composer"], opus: row["opus"],
            instrument: try ScoresColumn.enumValue(row["instrument"], Instrument.self, column: "instrument", table: "scores"),
            difficulty: try ScoresColumn.optionalEnum(row["difficulty"], Difficulty.self, column: "difficulty", table: "scores"),
            difficultyLevel: row["difficulty_level"],
            stylePeriod: try ScoresColumn.optionalEnum(row["style_period"], StylePeriod.self, column: "style_period", table: "scores"),
            source: try ScoresColumn.enumValue(row["source"], ScoreSource.self, column: "source", table: "scores"),
            slug: row["slug"], tags: try ScoresColumn.strings(row["tags"], column: "tags", table: "scores"),
            visibility: try ScoresColumn.enumValue(row["visibility"], ScoreVisibility.self, column: "visibility", table: "scores"),
            userID: row["user_id"], normalizedID: row["normalized_id"], createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    static func collection(_ row: Row) throws -> ScoreCollection {
        ScoreCollection(
            id: row["id"], userID: row["user_id"], name: row["name"], slug: row["slug"], description: row["description"],
            visibility: try ScoresColumn.enumValue(row["visibility"], CollectionVisibility.self, column: "visibility", table: "user_collections"),
            kind: try ScoresColumn.enumValue(row["collection_type"], ScoreCollection.Kind.self, column: "collection_type", table: "user_collections"),
            scoreIDs: try ScoresColumn.strings(row["score_ids"], column: "score_ids", table: "user_collections"),
            createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    static func version(_ row: Row) throws -> ScoreVersion {
        ScoreVersion(
            id: row["id"], scoreID: row["score_id"],
            format: try ScoresColumn.enumValue(row["format"], ScoreFormat.self, column: "format", table: "score_versions"),
            r2Key: row["r2_key"], fileSize: row["file_size"],
            processingStatus: try ScoresColumn.enumValue(row["processing_status"], ProcessingStatus.self, column: "processing_status", table: "score_versions"),
            processingError: row["processing_error"], createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    static func page(_ row: Row) -> ScorePageImage {
        ScorePageImage(id: row["id"], scoreID: row["score_id"], pageNumber: row["page_number"], imageURL: row["image_url"],
                       thumbnailURL: row["thumbnail_url"], r2Key: row["r2_key"], mimeType: row["mime_type"])
    }
}
