/// What a bulk import did with each line.
public struct BulkImportReport: Sendable, Equatable, Codable {
    /// A term that was queued, with the languages it still needed.
    public struct Queued: Sendable, Equatable, Codable {
        /// The term as submitted.
        public var term: String
        /// The queue item id.
        public var itemID: String
        /// Language codes (JSON array text for dead letters).
        public var languages: [String]
    }

    /// A term that was not queued, and why.
    public struct Skipped: Sendable, Equatable, Codable {
        /// The term as submitted.
        public var term: String
        /// Why the row exists.
        public var reason: String
    }

    /// Non-empty lines in the text.
    public var totalSubmitted = 0
    /// Terms that were queued.
    public var queued: [Queued] = []
    /// Repeated lines, terms already in the dictionary for every requested language, terms already queued.
    public var duplicates: [Skipped] = []
    /// Lines longer than the term limit.
    public var rejected: [Skipped] = []
}
