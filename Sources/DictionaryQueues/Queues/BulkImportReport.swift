/// What a bulk import did with each line.
package struct BulkImportReport: Sendable, Equatable, Codable {
    /// A term that was queued, with the languages it still needed.
    package struct Queued: Sendable, Equatable, Codable {
        /// The term as submitted.
        package var term: String
        /// The queue item id.
        package var itemID: String
        /// Language codes (JSON array text for dead letters).
        package var languages: [String]
    }

    /// A term that was not queued, and why.
    package struct Skipped: Sendable, Equatable, Codable {
        /// The term as submitted.
        package var term: String
        /// Why the row exists.
        package var reason: String
    }

    /// Non-empty lines in the text.
    package var totalSubmitted = 0
    /// Terms that were queued.
    package var queued: [Queued] = []
    /// Repeated lines, terms already in the dictionary for every requested language, terms already queued.
    package var duplicates: [Skipped] = []
    /// Lines longer than the term limit.
    package var rejected: [Skipped] = []
}
